"""Council records (issue 12, item 5): the roster and a session's attendance (counts, quorum and
written votes from it), annulled and re-recorded votes (both kept), the one-vote-in-force
constraint, ties for limited places favouring women, and the minutes as .docx and PDF."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from awards.domain import AwardsError, catalogue
from awards.domain.corrections import correct_vote
from awards.domain.council import annul_vote, create_session, record_vote, set_attendance, set_quota
from awards.domain.minutes_document import minutes_content, minutes_docx, minutes_pdf
from awards.domain.ranking import is_favoured, rank_votes, session_rankings, women_shares
from awards.models import CouncilMember, CouncilSession, CouncilVote, LegalParameter, Nominee
from portal.audit import history_for
from tests.factories.awards import NomineeFactory, ProposalFactory, catalogue_award, legal_parameters
from tests.factories.directory import PersonFactory, UnitFactory
from tests.reports.pdf import pdf_text

pytestmark = pytest.mark.django_db

NAMES = ["Trần Văn Chủ", "Lê Thị Phó", "Nguyễn Văn Thường", "Phạm Thị Ủy", "Hoàng Văn Viên"]
POSITIONS = ["chairman", "vice_chairman", "standing_member", "member", "member"]


def roster():
    return [
        CouncilMember.objects.create(full_name=name, position=position, title="Giám đốc Sở")
        for name, position in zip(NAMES, POSITIONS, strict=True)
    ]


def session_with(officer, *, present, written=(), members=None):
    """A session of the five-member roster; `present` / `written` are indexes into it."""
    members = members or roster()
    return create_session(
        session=CouncilSession(held_on=date(2025, 12, 20), place="Phòng họp số 1, UBND tỉnh", notes=""),
        members=members,
        present_ids=[members[index].pk for index in present],
        written_ids=[members[index].pk for index in written],
        by=officer,
    ), members


def fighter(name="Nguyễn Văn Bình", gender="male", proposal=None):
    proposal = proposal or ProposalFactory(state="at_council")
    return NomineeFactory(
        proposal=proposal,
        person=PersonFactory(full_name=name, gender=gender),
        award=catalogue_award(catalogue.GRASSROOTS_FIGHTER),
    )


@pytest.fixture
def setup(db):
    legal_parameters()


def test_attendance_fills_the_counts_and_old_sessions_keep_theirs(setup, officer):
    session, members = session_with(officer, present=[0, 1, 2, 3], written=[4])
    assert (session.member_count, session.present_count) == (5, 4)
    rows = {row.member_id: row for row in session.attendance.all()}
    assert rows[members[4].pk].present is False and rows[members[4].pk].written_vote_received is True

    old = CouncilSession.objects.create(
        held_on=date(2024, 12, 1), member_count=15, present_count=13, created_by=officer
    )
    assert not old.attendance.exists() and old.present_count == 13


def test_quorum_comes_from_the_attendance(setup, officer):
    short, _members = session_with(officer, present=[0, 1, 2])  # 3 of 5 = 60% < 80%
    with pytest.raises(AwardsError, match="3/5"):
        record_vote(session=short, nominee=fighter(), in_favour=3, against=0, by=officer)

    full, _members = session_with(officer, present=[0, 1, 2, 3], written=[4])  # 4 of 5 = 80%
    vote = record_vote(session=full, nominee=fighter(), in_favour=4, against=0, written_in_favour=1, by=officer)
    assert (vote.share, vote.is_passed) == (Decimal("100.00"), True)


def test_written_votes_only_from_absent_members_whose_vote_was_received(setup, officer):
    session, _members = session_with(officer, present=[0, 1, 2], written=[3])  # 2 absent: one wrote
    LegalParameter.objects.filter(kind="quorum").update(value=50)  # 3 of 5 then has the quorum
    with pytest.raises(AwardsError, match=r"\(1\)"):
        record_vote(session=session, nominee=fighter(), in_favour=3, against=0, written_in_favour=2, by=officer)
    vote = record_vote(session=session, nominee=fighter(), in_favour=3, against=0, written_in_favour=1, by=officer)
    assert vote.written_in_favour == 1
    with pytest.raises(AwardsError, match=r"\(1\)"):
        correct_vote(vote=vote, in_favour=3, against=0, written_in_favour=2, written_against=0, by=officer, reason="x")


def test_a_written_vote_from_a_present_member_is_refused(setup, officer):
    members = roster()
    with pytest.raises(AwardsError):
        set_attendance(
            session=CouncilSession.objects.create(
                held_on=date(2025, 12, 1), member_count=5, present_count=5, created_by=officer
            ),
            members=members,
            present_ids=[members[0].pk],
            written_ids=[members[0].pk],
            by=officer,
        )


def test_annul_and_record_again_keeps_both(setup, officer):
    session, _members = session_with(officer, present=[0, 1, 2, 3, 4])
    nominee = fighter()
    first = record_vote(session=session, nominee=nominee, in_favour=3, against=2, by=officer)  # 60%: fails
    with pytest.raises(AwardsError, match="đã bỏ phiếu"):
        record_vote(session=session, nominee=nominee, in_favour=5, against=0, by=officer)
    with pytest.raises(AwardsError, match="lý do"):
        annul_vote(vote=first, reason="  ", by=officer)

    annul_vote(vote=first, reason="Nhập nhầm số phiếu", by=officer)

    nominee = Nominee.objects.get(pk=nominee.pk)
    assert getattr(nominee, "vote", None) is None
    assert Nominee.objects.filter(pk=nominee.pk, vote__isnull=True).exists()  # back on the session's list
    second = record_vote(session=session, nominee=nominee, in_favour=5, against=0, by=officer)
    assert Nominee.objects.get(pk=nominee.pk).vote == second
    first.refresh_from_db()
    assert (first.annul_reason, first.annulled_by, first.is_passed) == ("Nhập nhầm số phiếu", officer, False)
    assert list(session.votes.order_by("pk")) == [first, second]
    history = history_for(session, children=[CouncilVote.objects.filter(session=session)])
    assert any(row.reason == "Nhập nhầm số phiếu" for row in history)
    with pytest.raises(AwardsError, match="đã bị hủy"):
        annul_vote(vote=first, reason="lần nữa", by=officer)
    with pytest.raises(AwardsError, match="đã bị hủy"):
        correct_vote(vote=first, in_favour=5, against=0, written_in_favour=0, written_against=0, by=officer, reason="x")


def test_a_vote_is_annulled_only_while_the_proposal_is_at_the_council(setup, officer):
    session, _members = session_with(officer, present=[0, 1, 2, 3, 4])
    nominee = fighter()
    vote = record_vote(session=session, nominee=nominee, in_favour=5, against=0, by=officer)
    nominee.proposal.state = "public_notice"
    nominee.proposal.save()
    with pytest.raises(AwardsError, match="đang trình Hội đồng"):
        annul_vote(vote=vote, reason="Muộn", by=officer)
    vote.refresh_from_db()
    assert vote.annulled_at is None


def test_one_vote_in_force_per_nominee_is_a_constraint(setup, officer):
    session, _members = session_with(officer, present=[0, 1, 2, 3, 4])
    nominee = fighter()
    record_vote(session=session, nominee=nominee, in_favour=5, against=0, by=officer)
    second = CouncilVote(
        session=session, nominee=nominee, in_favour=4, against=1, threshold=80, share=80, is_passed=True
    )
    with pytest.raises(ValidationError) as error:
        second.validate_constraints()
    assert "hãy hủy kết quả đó trước khi ghi nhận lần mới" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def ranked(officer, *, second_gender):
    """Two nominees for one award with the same share (5 of 5), and one place."""
    session, _members = session_with(officer, present=[0, 1, 2, 3, 4])
    proposal = ProposalFactory(state="at_council")
    man = fighter("An Văn Đức", "male", proposal)  # first by name
    other = fighter("Vũ Thị Hạnh" if second_gender == "female" else "Vũ Văn Hải", second_gender, proposal)
    for nominee in (man, other):
        record_vote(session=session, nominee=nominee, in_favour=5, against=0, by=officer)
    set_quota(session=session, award=man.award, places="1", by=officer)
    votes = list(session.votes.select_related("nominee__person", "nominee__award", "nominee__unit"))
    (ranking,) = session_rankings(session, votes)
    return ranking


def test_a_tie_for_one_place_goes_to_the_woman(setup, officer):
    ranking = ranked(officer, second_gender="female")
    first, second = ranking.rows
    assert (first.nominee.recipient_name, first.within) == ("Vũ Thị Hạnh", True)
    assert (second.nominee.recipient_name, second.within) == ("An Văn Đức", False)
    assert "cá nhân nữ" in first.tie_reason and "xếp sau" in second.tie_reason


def test_a_tie_between_two_men_goes_by_name(setup, officer):
    ranking = ranked(officer, second_gender="male")
    first, second = ranking.rows
    assert (first.nominee.recipient_name, first.within, second.within) == ("An Văn Đức", True, False)
    assert "theo tên" in first.tie_reason


def test_only_passed_votes_compete_and_a_higher_share_wins_whatever_the_gender(setup, officer):
    session, _members = session_with(officer, present=[0, 1, 2, 3, 4])
    proposal = ProposalFactory(state="at_council")
    man, woman = fighter("An Văn Đức", "male", proposal), fighter("Vũ Thị Hạnh", "female", proposal)
    failed = fighter("Đỗ Thị Hà", "female", proposal)
    record_vote(session=session, nominee=man, in_favour=5, against=0, by=officer)
    record_vote(session=session, nominee=woman, in_favour=4, against=1, by=officer)
    record_vote(session=session, nominee=failed, in_favour=2, against=3, by=officer)
    rows = rank_votes(list(session.votes.select_related("nominee__person")), places=1, minimum=70)
    assert [(row.nominee.recipient_name, row.within, row.tie_reason) for row in rows] == [
        ("An Văn Đức", True, ""),
        ("Vũ Thị Hạnh", False, ""),
    ]


def test_a_collective_counts_as_women_from_70_percent(setup):
    seventy, two_thirds = UnitFactory(), UnitFactory()
    for unit, women, men in ((seventy, 7, 3), (two_thirds, 2, 1)):
        for _ in range(women):
            PersonFactory(unit=unit, gender="female")
        for _ in range(men):
            PersonFactory(unit=unit, gender="male")
    shares = women_shares([seventy.pk, two_thirds.pk])
    assert is_favoured(Nominee(unit=seventy), shares=shares, minimum=Decimal(70)) == (True, Decimal(70))
    assert is_favoured(Nominee(unit=two_thirds), shares=shares, minimum=Decimal(70))[0] is False


def test_places_must_be_a_whole_number(setup, officer):
    session, _members = session_with(officer, present=[0, 1, 2, 3, 4])
    award = catalogue_award(catalogue.GRASSROOTS_FIGHTER)
    with pytest.raises(AwardsError):
        set_quota(session=session, award=award, places="hai", by=officer)
    assert not session.quotas.exists()
    set_quota(session=session, award=award, places="2", by=officer)
    set_quota(session=session, award=award, places="0", by=officer)  # 0 removes the limit
    assert not session.quotas.exists()


# --- The minutes ---


def minutes_session(officer):
    session, members = session_with(officer, present=[0, 1, 2, 3], written=[4])
    session.chair, session.secretary = members[0], members[2]
    session.save()
    proposal = ProposalFactory(state="at_council")
    annulled = record_vote(
        session=session, nominee=fighter("Vũ Thị Hạnh", "female", proposal), in_favour=2, against=2, by=officer
    )
    annul_vote(vote=annulled, reason="Nhập nhầm số phiếu", by=officer)
    record_vote(
        session=session,
        nominee=Nominee.objects.get(pk=annulled.nominee_id),
        in_favour=4,
        against=0,
        written_in_favour=1,
        by=officer,
    )
    return session


MINUTES_LINES = [
    "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG",
    "Địa điểm: Phòng họp số 1, UBND tỉnh.",
    "Chủ trì: Trần Văn Chủ – Chủ tịch Hội đồng",
    "Thư ký: Nguyễn Văn Thường – Ủy viên thường trực",
    "Thành viên có mặt (4):",
    "Thành viên vắng mặt (1):",
    "Hoàng Văn Viên – Ủy viên, Giám đốc Sở (đã gửi phiếu biểu quyết bằng văn bản)",
    "Có mặt 4/5 thành viên Hội đồng (80%), đạt tỷ lệ tối thiểu 80% theo quy định",
    "Vũ Thị Hạnh",
    "5 (4 + 1)",
    "100,00%",
    "Đạt",
    "đã bị hủy",
    "Lý do: Nhập nhầm số phiếu",
    "Biên bản đã được đọc lại",
    "THƯ KÝ",
    "CHỦ TRÌ",
]


def test_the_minutes_docx_and_pdf_carry_attendance_quorum_votes_and_annulment(setup, officer):
    from docx import Document

    session = minutes_session(officer)
    document = Document(io.BytesIO(minutes_docx(session)))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    docx = " ".join(" ".join(parts).split())
    pdf = pdf_text(minutes_pdf(session))
    for line in MINUTES_LINES:
        assert line in docx, line
        assert line in pdf, line
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pdf and "HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG" in pdf
    assert "Không đạt" not in docx  # the annulled 50% is listed as annulled, not as a result


def test_minutes_of_a_session_without_quorum_say_so(setup, officer):
    session, _members = session_with(officer, present=[0, 1, 2])
    assert "chưa đạt tỷ lệ tối thiểu 80%" in minutes_content(session)["quorum_line"]


# --- The pages (one round trip each) ---


def test_the_session_form_takes_the_attendance_from_the_roster(setup, officer, client):
    members = roster()
    client.force_login(officer)
    data = {
        "held_on": "18/12/2025",
        "starts_at": "08:00",
        "place": "Phòng họp số 1",
        "chair": members[0].pk,
        "secretary": members[2].pk,
        "present": [member.pk for member in members[:4]],
        "written": [members[4].pk],
        "notes": "",
    }
    response = client.post("/awards/council/new/", data)
    assert response.status_code == 302
    session = CouncilSession.objects.get()
    assert (session.member_count, session.present_count, session.chair) == (5, 4, members[0])

    bad = client.post("/awards/council/new/", {**data, "written": [members[0].pk]})  # present and written
    assert bad.status_code == 400 and CouncilSession.objects.count() == 1

    record_vote(session=session, nominee=fighter(), in_favour=4, against=0, written_in_favour=1, by=officer)
    edit = {**data, "present": [member.pk for member in members[:3]], "reason": "Sửa danh sách"}
    refused = client.post(f"/awards/council/{session.pk}/edit/", edit)
    assert refused.status_code == 400 and "hủy các kết quả đó" in refused.content.decode()
    session.refresh_from_db()
    assert session.present_count == 4

    page = client.get(f"/awards/council/{session.pk}/").content.decode()
    assert "Trần Văn Chủ" in page and "đã gửi phiếu bằng văn bản" in page


def test_a_session_with_counts_only_keeps_them_when_corrected(setup, officer, client):
    roster()
    old = CouncilSession.objects.create(
        held_on=date(2024, 12, 1), member_count=15, present_count=13, created_by=officer
    )
    client.force_login(officer)
    data = {"held_on": "02/12/2024", "member_count": 15, "present_count": 12, "notes": "", "reason": "Nhập nhầm"}
    assert client.post(f"/awards/council/{old.pk}/edit/", data).status_code == 302
    old.refresh_from_db()
    assert (old.member_count, old.present_count, old.attendance.exists()) == (15, 12, False)
