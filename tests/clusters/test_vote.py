"""The leading-unit vote, the outcome's nominations, and locking and reopening a term."""

import pytest

from clusters.domain import scoring, vote
from clusters.domain.errors import DomainError
from clusters.enums import Decision, PhaseKind
from clusters.models import Ballot, Nomination, NominationKind, Term
from tests.factories import UserFactory
from tests.factories.clusters import scored_term
from tests.permissions import snapshot


@pytest.fixture
def term(db):
    """Five members ranked 0 > 1 > 2 > 3 > 4; the top three are candidates."""
    return scored_term(members=5, criteria=1, phase=PhaseKind.VOTE, points={i: [10 - i] for i in range(5)})


def ballots(term, choices, round_number=1):
    for voter, choice in zip(term.unit_list, choices, strict=False):
        vote.cast_ballot(term=term, voter_unit=voter, choice_unit_id=term.unit_list[choice].pk, by=None)


def test_majority_in_first_round_elects_the_leading_unit(term):
    ballots(term, [1, 1, 1, 0, 2])

    elected = vote.close_round(term=term, by=None)

    term.refresh_from_db()
    assert elected == term.unit_list[1].pk
    assert (term.leading_unit, term.decision) == (term.unit_list[1], Decision.VOTE)


def test_one_ballot_per_member_and_round(term):
    ballots(term, [0])

    with pytest.raises(DomainError, match="đã bỏ phiếu"):
        ballots(term, [1])
    assert Ballot.objects.count() == 1


def test_vote_only_for_top_ranked_candidates(term):
    with pytest.raises(DomainError):
        ballots(term, [4])


def test_two_undecided_rounds_leave_the_decision_to_lead_and_deputy(term):
    ballots(term, [0, 1, 2, 0, 1])
    assert vote.close_round(term=term, by=None) is None
    term.refresh_from_db()
    ballots(term, [0, 1, 2, 0, 1])
    assert vote.close_round(term=term, by=None) is None
    term.refresh_from_db()

    with pytest.raises(DomainError):
        ballots(term, [0])
    # The lead and the deputy each confirm (clusters.domain.vote.confirm_choice); the same unit decides.
    term.deputy_unit = term.unit_list[1]
    term.save()
    vote.confirm_choice(
        term=term, unit_id=term.unit_list[2].pk, by=UserFactory(unit=term.lead_unit, is_unit_officer=True)
    )
    vote.confirm_choice(
        term=term, unit_id=term.unit_list[2].pk, by=UserFactory(unit=term.deputy_unit, is_unit_officer=True)
    )

    term.refresh_from_db()
    assert term.vote_round == 3
    assert (term.leading_unit, term.decision) == (term.unit_list[2], Decision.LEAD_AND_DEPUTY)


def test_lock_results_writes_nominations_and_next_lead(term):
    ballots(term, [0, 0, 0, 1, 2])
    vote.close_round(term=term, by=None)

    units = term.unit_list

    vote.lock_results(term=term, by=None, next_lead_unit_id=units[2].pk, next_deputy_unit_id=units[3].pk)

    term = Term.objects.get(pk=term.pk)
    assert set(Nomination.objects.filter(term=term).values_list("kind", "unit_id", "rank")) == {
        (NominationKind.FLAG, units[0].pk, 1),
        (NominationKind.CERTIFICATE, units[1].pk, 2),
        (NominationKind.CERTIFICATE, units[2].pk, 3),
        (NominationKind.CERTIFICATE, units[3].pk, 4),
    }
    assert term.is_locked and term.active_phase.kind == PhaseKind.RESULTS
    assert (term.next_lead_unit, term.next_deputy_unit) == (units[2], units[3])


def test_locked_term_refuses_every_change_until_an_officer_reopens(term):
    ballots(term, [0, 0, 0, 1, 2])
    vote.close_round(term=term, by=None)
    vote.lock_results(term=term, by=None)
    sheet = term.sheet_list[4]
    sheet.term = term = Term.objects.get(pk=term.pk)
    sheet.status = "draft"
    member = UserFactory(unit=sheet.unit, is_unit_officer=True)
    before = snapshot()

    with pytest.raises(DomainError, match="đã bị khóa"):
        scoring.save_sheet(sheet=sheet, version=1, entries={}, by=member)
    with pytest.raises(DomainError):
        vote.lock_results(term=term, by=None)
    assert snapshot() == before

    vote.reopen_vote(term=term, by=None, reason="Kiểm tra lại")
    assert not Nomination.objects.filter(term=term).exists()
    assert not Term.objects.get(pk=term.pk).is_locked


@pytest.mark.django_db
def test_member_votes_through_the_page_and_sees_own_ballot(client_as, term):
    member = UserFactory(unit=term.unit_list[3], is_unit_officer=True)
    client = client_as(member)

    response = client.post(f"/clusters/terms/{term.pk}/vote/", {"choice": str(term.unit_list[0].pk)})
    page = client.get(f"/clusters/terms/{term.pk}/vote/").content.decode()

    assert response.status_code == 302
    assert "Đơn vị của bạn đã bầu" in page
    assert Ballot.objects.get().voter == term.unit_list[3]


@pytest.mark.django_db
def test_ranking_hidden_from_members_until_results_locked(client_as, term):
    member = UserFactory(unit=term.unit_list[3], is_unit_officer=True)
    client = client_as(member)
    url = f"/clusters/terms/{term.pk}/ranking/"

    assert client.get(url).status_code == 403
    ballots(term, [0, 0, 0, 1, 2])
    vote.close_round(term=term, by=None)
    vote.lock_results(term=term, by=None)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("choice", ["", "abc", "1.000", "99999999999999999999999", "-1", "non-candidate"])
def test_a_ballot_for_anything_but_a_listed_candidate_is_refused_and_nothing_is_written(client_as, term, choice):
    member = UserFactory(unit=term.unit_list[3], is_unit_officer=True)
    if choice == "non-candidate":
        choice = str(term.unit_list[4].pk)  # a member, but not among the top three

    response = client_as(member).post(f"/clusters/terms/{term.pk}/vote/", {"choice": choice})

    assert response.status_code == 400
    assert "Chọn đơn vị bạn bầu." in response.content.decode()
    assert Ballot.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("unit", ["x", "99999999999999999999999", "non-member"])
def test_next_years_lead_must_be_picked_from_the_members(client_as, term, unit):
    ballots(term, [0, 0, 0, 1, 2])
    vote.close_round(term=term, by=None)
    lead = UserFactory(unit=term.lead_unit, is_unit_officer=True)
    if unit == "non-member":
        from tests.factories import UnitFactory

        unit = str(UnitFactory().pk)

    response = client_as(lead).post(f"/clusters/terms/{term.pk}/lock/", {"next_lead": unit}, follow=True)

    assert "Chọn một đơn vị trong danh sách" in response.content.decode()
    assert not Term.objects.get(pk=term.pk).is_locked
    assert not Nomination.objects.filter(term=term).exists()
