"""Locking needs every member's sheet accepted or the member excluded by an officer with a reason;
the officer reopens the vote or the review with a reason, which clears what depends on it."""

import pytest

from awards.domain.workflow import create_proposal
from clusters.domain import vote
from clusters.domain.errors import DomainError
from clusters.domain.ranking import ranked_sheets
from clusters.enums import Decision, PhaseKind, SheetStatus
from clusters.models import Ballot, DeciderChoice, Nomination, Sheet, Term, TermMember, VoteRound
from tests.factories import UserFactory
from tests.factories.clusters import scored_term
from tests.permissions import snapshot


@pytest.fixture
def term(db):
    """Five members ranked 0 > ... > 4; the sheets of members 3 and 4 are not accepted."""
    term = scored_term(members=5, criteria=1, phase=PhaseKind.VOTE, points={i: [10 - i] for i in range(3)})
    Sheet.objects.filter(pk=term.sheet_list[3].pk).update(status=SheetStatus.RETURNED)
    return term


@pytest.fixture
def lead(term):
    return UserFactory(unit=term.lead_unit, is_unit_officer=True)


def fresh(term):
    """The term as stored now, with the factory's lists of units and sheets."""
    stored = Term.objects.get(pk=term.pk)
    stored.unit_list, stored.sheet_list = term.unit_list, term.sheet_list
    return stored


def elect(term, lead, choice=0):
    for voter in term.unit_list:
        vote.cast_ballot(term=term, voter_unit=voter, choice_unit_id=term.unit_list[choice].pk, by=None)
    vote.close_round(term=fresh(term), by=lead)
    return fresh(term)


def test_locking_is_refused_while_a_sheet_is_neither_accepted_nor_excluded(term, lead):
    term = elect(term, lead)
    before = snapshot()

    with pytest.raises(DomainError) as refused:
        vote.lock_results(term=term, by=lead)

    assert term.unit_list[3].name in refused.value.message and term.unit_list[4].name in refused.value.message
    assert term.unit_list[0].name not in refused.value.message
    assert snapshot() == before


def test_excluded_members_let_the_results_lock_and_are_not_nominated(term, lead, officer):
    term = elect(term, lead)
    for unit in term.unit_list[3:]:
        vote.exclude_member(term=term, unit=unit, reason="Không nộp phiếu đúng hạn", by=officer)

    vote.lock_results(term=term, by=lead)

    membership = TermMember.objects.get(term=term, unit=term.unit_list[3])
    assert (membership.excluded_reason, membership.excluded_by) == ("Không nộp phiếu đúng hạn", officer)
    assert set(Nomination.objects.filter(term=term).values_list("unit_id", flat=True)) == {
        unit.pk for unit in term.unit_list[:3]
    }


def test_an_excluded_member_with_an_accepted_sheet_is_not_ranked_nor_a_candidate(term, officer):
    vote.exclude_member(term=term, unit=term.unit_list[0], reason="Vi phạm kỷ luật", by=officer)

    assert term.unit_list[0] not in vote.candidates(term=term)
    assert [sheet.unit for sheet in ranked_sheets(term=term)] == term.unit_list[1:3]


def test_an_exclusion_needs_a_reason_and_can_be_undone(term, officer):
    with pytest.raises(DomainError, match="lý do"):
        vote.exclude_member(term=term, unit=term.unit_list[4], reason="  ", by=officer)
    vote.exclude_member(term=term, unit=term.unit_list[4], reason="Sáp nhập", by=officer)

    vote.include_member(term=term, unit=term.unit_list[4], by=officer)

    assert not TermMember.objects.get(term=term, unit=term.unit_list[4]).is_excluded


def test_the_officer_excludes_through_the_page(client_as, term, officer):
    client = client_as(officer)
    url = f"/clusters/terms/{term.pk}/exclusions/"

    refused = client.post(url, {"unit": str(term.unit_list[4].pk), "action": "exclude", "reason": ""})
    client.post(url, {"unit": str(term.unit_list[4].pk), "action": "exclude", "reason": "Không nộp phiếu"})
    page = client.get(url).content.decode()
    term_page = client.get(f"/clusters/terms/{term.pk}/").content.decode()

    assert refused.status_code == 400
    assert "Không nộp phiếu" in page and "Không nộp phiếu" in term_page
    assert TermMember.objects.get(term=term, unit=term.unit_list[4]).excluded_by == officer


def locked(term, lead, officer):
    term = elect(term, lead)
    for unit in term.unit_list[3:]:
        vote.exclude_member(term=term, unit=unit, reason="Không nộp phiếu", by=officer)
    vote.lock_results(term=term, by=lead, next_lead_unit_id=term.unit_list[1].pk)
    return fresh(term)


def test_reopening_the_vote_clears_the_leading_unit_and_what_depends_on_it(term, lead, officer):
    term = locked(term, lead, officer)

    result = vote.reopen_vote(term=term, by=officer, reason="Khiếu nại về kết quả bỏ phiếu")

    term = fresh(term)
    assert not term.is_locked
    assert (term.leading_unit, term.decision, term.vote_round, term.next_lead_unit) == (None, "", 1, None)
    assert not Nomination.objects.filter(term=term).exists()
    assert not Ballot.objects.filter(term=term).exists()
    assert list(VoteRound.objects.filter(term=term).values_list("number", "closed_at")) == [(1, None)]
    assert term.active_phase.kind == PhaseKind.VOTE
    message = result.sentences()
    assert term.unit_list[0].name in message
    assert "Đã xóa 5 phiếu bầu" in message and "Đã xóa 3 đề nghị khen thưởng." in message
    assert "bắt đầu lại từ vòng 1" in message


def test_reopening_keeps_the_nominations_a_proposal_uses_and_says_so(term, lead, officer):
    term = locked(term, lead, officer)
    proposal = create_proposal(
        unit=term.lead_unit,
        title="Khen thưởng cụm",
        year=term.year,
        commendation_type="regular",
        by=officer,
        cluster_term=term,
    )

    result = vote.reopen_vote(term=term, by=officer, reason="Khiếu nại")

    assert Nomination.objects.filter(term=term).count() == 3
    assert f"“{proposal.title}”" in result.sentences()
    # Locking again with the same outcome keeps them; a different outcome is refused.
    term = elect(fresh(term), lead, choice=1)
    with pytest.raises(DomainError, match="hồ sơ"):
        vote.lock_results(term=term, by=lead)


def test_reopening_needs_a_reason_and_something_to_reopen(term, lead, officer):
    before = snapshot()

    with pytest.raises(DomainError, match="lý do"):
        vote.reopen_vote(term=term, by=officer, reason="")
    with pytest.raises(DomainError, match="chưa bắt đầu"):
        vote.reopen_vote(term=term, by=officer, reason="Thử")

    assert snapshot() == before


def test_reopening_the_review_sends_accepted_sheets_back_and_makes_the_review_current(term, lead, officer):
    term = locked(term, lead, officer)
    versions = dict(Sheet.objects.filter(term=term).values_list("pk", "version"))

    result = vote.reopen_review(term=term, by=officer, reason="Sai sót khi chấm điểm")

    term = fresh(term)
    assert term.active_phase.kind == PhaseKind.REVIEW
    assert term.leading_unit is None and not term.is_locked
    reopened = Sheet.objects.filter(term=term, status=SheetStatus.SUBMITTED)
    assert reopened.count() == 3
    assert all(sheet.version == versions[sheet.pk] + 1 for sheet in reopened)
    assert "3 phiếu đã chấp nhận được chuyển lại để thẩm định." in result.sentences()
    assert not VoteRound.objects.filter(term=term).exists()


def test_reopening_clears_the_lead_and_deputy_choices(term, lead, officer):
    Sheet.objects.filter(term=term).update(status=SheetStatus.ACCEPTED)
    term.deputy_unit = term.unit_list[1]
    term.save()
    for _round in (1, 2):
        for voter, choice in zip(term.unit_list, [0, 1, 2, 0, 1], strict=True):
            vote.cast_ballot(
                term=Term.objects.get(pk=term.pk), voter_unit=voter, choice_unit_id=term.unit_list[choice].pk, by=None
            )
        vote.close_round(term=Term.objects.get(pk=term.pk), by=lead)
    vote.confirm_choice(term=term, unit_id=term.unit_list[2].pk, by=lead)

    result = vote.reopen_vote(term=term, by=officer, reason="Làm lại")

    assert not DeciderChoice.objects.filter(term=term).exists()
    assert "Đã xóa 1 lựa chọn của Cụm trưởng và Cụm phó." in result.sentences()


def test_the_reason_is_in_the_history(client_as, term, lead, officer):
    term = locked(term, lead, officer)
    client = client_as(officer)

    response = client.post(f"/clusters/terms/{term.pk}/reopen/", {"reason": "Khiếu nại của đơn vị"}, follow=True)
    page = client.get(f"/clusters/terms/{term.pk}/").content.decode()

    assert "Đã bỏ đơn vị dẫn đầu" in response.content.decode()
    assert "Khiếu nại của đơn vị" in page
    assert Term.objects.get(pk=term.pk).leading_unit is None


def test_reopening_through_the_page_without_a_reason_changes_nothing(client_as, term, lead, officer):
    term = locked(term, lead, officer)
    before = snapshot()

    response = client_as(officer).post(f"/clusters/terms/{term.pk}/reopen-review/", {"reason": ""}, follow=True)

    assert "Hãy nêu lý do mở lại" in response.content.decode()
    assert snapshot() == before
    assert Term.objects.get(pk=term.pk).decision == Decision.VOTE
