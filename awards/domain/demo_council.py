"""Demo data for the council's records (issue 12, council part): the roster, a session with its
attendance (one absent member who sent a written vote), a vote annulled and recorded again, and
one place for Chiến sĩ thi đua cơ sở where a tie goes to the woman.

The members' names, the nominees and every count are SAMPLE DATA invented for the demo.
Running `seed_council` twice changes nothing.
"""

from datetime import date, time

from ..enums import ProposalState
from ..models import CouncilMember, CouncilSession, Nominee, Proposal
from . import catalogue
from .council import annul_vote, create_session, record_vote, set_quota

SAMPLE = "Dữ liệu mẫu (sample data)"
ROSTER = [
    ("Trần Quốc Khánh", "chairman", "Chủ tịch UBND tỉnh"),
    ("Nguyễn Thị Thu Hà", "vice_chairman", "Phó Chủ tịch UBND tỉnh"),
    ("Phạm Văn Toàn", "vice_chairman", "Giám đốc Sở Nội vụ"),
    ("Lê Minh Tuấn", "standing_member", "Trưởng phòng Thi đua, khen thưởng, Sở Nội vụ"),
    ("Đỗ Thị Lan Anh", "member", "Giám đốc Sở Tài chính"),
    ("Vũ Đức Hiếu", "member", "Giám đốc Sở Giáo dục và Đào tạo"),
    ("Hoàng Thị Minh", "member", "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh"),
    ("Bùi Văn Sơn", "member", "Chủ tịch Liên đoàn Lao động tỉnh"),
    ("Ngô Thị Hồng", "member", "Chánh Văn phòng UBND tỉnh"),
]
SESSION_NOTES = f"Phiên họp xét danh hiệu năm 2025, đợt 2 ({SAMPLE})."
TITLE = "Chiến sĩ thi đua cơ sở năm 2025 – Sở Giáo dục và Đào tạo (đợt 2)"


def seed_roster():
    members = []
    for full_name, position, title in ROSTER:
        member = CouncilMember.objects.filter(full_name=full_name).first()
        members.append(member or CouncilMember.objects.create(full_name=full_name, position=position, title=title))
    return members


def seed_council(awards, people, officer):
    """The roster, one session with attendance, an annulled and re-recorded vote, and a tie for one place.

    `people` is awards.domain.demo's map (the education department's unit under "NB-SGDDT").
    """
    members = seed_roster()
    if CouncilSession.objects.filter(notes=SESSION_NOTES).exists():
        return
    education = people["NB-SGDDT"]
    session = CouncilSession(
        held_on=date(2025, 12, 18),
        starts_at=time(8, 0),
        place="Phòng họp số 1, Trụ sở UBND tỉnh",
        chair=members[0],
        secretary=members[3],
        notes=SESSION_NOTES,
    )
    absent = members[-1]  # sent a written vote
    session = create_session(
        session=session,
        members=members,
        present_ids=[member.pk for member in members if member != absent],
        written_ids=[absent.pk],
        by=officer,
    )
    proposal = Proposal.objects.create(
        title=TITLE, unit=education, year=2025, state=ProposalState.AT_COUNCIL, submitted_on=date(2025, 12, 4)
    )
    award = awards[catalogue.GRASSROOTS_FIGHTER]
    from .demo import _person

    woman = _person("Trịnh Thị Mai", education, gender="female", position="Giáo viên")
    man = _person("Đinh Văn Khoa", education, position="Giáo viên")
    nominees = [
        Nominee.objects.create(proposal=proposal, award=award, person=person, year=2025, is_household=False)
        for person in (man, woman)
    ]
    # A mistyped vote (5 of 9: not passed), annulled, then recorded as the council voted: 8 + 1 written.
    mistyped = record_vote(session=session, nominee=nominees[0], in_favour=5, against=3, by=officer)
    annul_vote(vote=mistyped, reason=f"Nhập nhầm số phiếu khi ghi biên bản ({SAMPLE}).", by=officer)
    for nominee in nominees:
        record_vote(session=session, nominee=nominee, in_favour=8, against=0, written_in_favour=1, by=officer)
    # One place: both have 100%, the woman comes first.
    set_quota(session=session, award=award, places=1, by=officer)
