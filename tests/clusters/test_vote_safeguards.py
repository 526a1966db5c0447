"""The vote's safeguards: a quorum before counting (or an explicit early close with a reason), every
round's tally kept with who counted it, and the lead's and deputy's two confirmations."""

import pytest

from clusters.domain import vote
from clusters.domain.errors import DomainError
from clusters.enums import ClusterKind, DeciderSide, Decision, PhaseKind
from clusters.models import Ballot, DeciderChoice, Term, VoteRound
from tests.factories import UserFactory
from tests.factories.clusters import scored_term
from tests.permissions import snapshot


@pytest.fixture
def term(db):
    """Five members ranked 0 > 1 > 2 > 3 > 4 (the top three are candidates); unit 1 is the deputy."""
    term = scored_term(members=5, criteria=1, phase=PhaseKind.VOTE, points={i: [10 - i] for i in range(5)})
    term.deputy_unit = term.unit_list[1]
    term.save()
    return term


@pytest.fixture
def lead(term):
    return UserFactory(unit=term.lead_unit, is_unit_officer=True)


@pytest.fixture
def deputy(term):
    return UserFactory(unit=term.deputy_unit, is_unit_officer=True)


def cast(term, choices):
    term = Term.objects.get(pk=term.pk)
    for voter, choice in zip(term_units(term), choices, strict=False):
        vote.cast_ballot(term=term, voter_unit=voter, choice_unit_id=term_units(term)[choice].pk, by=None)


def term_units(term):
    return [membership.unit for membership in term.memberships.select_related("unit").order_by("pk")]


def undecided_twice(term, lead):
    for _round in (1, 2):
        cast(term, [0, 1, 2, 0, 1])
        assert vote.close_round(term=Term.objects.get(pk=term.pk), by=lead) is None


def test_a_round_below_the_quorum_is_refused_and_nothing_is_written(term, lead):
    cast(term, [0, 0])
    before = snapshot()

    with pytest.raises(DomainError, match="2/5"):
        vote.close_round(term=term, by=lead)
    with pytest.raises(DomainError, match="lý do"):
        vote.close_round(term=term, by=lead, confirm_count=2)
    with pytest.raises(DomainError, match="2/5"):
        vote.close_round(term=term, by=lead, confirm_count=3, reason="Hết giờ")  # not what was seen

    assert snapshot() == before


def test_the_lead_may_count_early_with_n_of_m_confirmed_and_a_reason(term, lead):
    cast(term, [0, 0, 0])  # three of five members: more than half of the members

    assert vote.close_round(term=term, by=lead, confirm_count=3, reason="Hai đơn vị vắng mặt") == term.unit_list[0].pk

    counted = VoteRound.objects.get(term=term, number=1)
    assert (counted.ballot_count, counted.member_count, counted.closed_by) == (3, 5, lead)
    assert counted.early_close_reason == "Hai đơn vị vắng mặt"
    assert counted.elected_unit == term.unit_list[0]
    assert counted.closed_at is not None


def test_a_configured_quorum_lets_the_round_be_counted_without_confirmation(term, lead):
    Term.objects.filter(pk=term.pk).update(quorum=3)
    cast(term, [0, 0, 0])

    assert vote.close_round(term=Term.objects.get(pk=term.pk), by=lead) == term.unit_list[0].pk
    assert VoteRound.objects.get(term=term, number=1).early_close_reason == ""


def test_round_one_tally_is_kept_and_shown_after_round_two_opens(client_as, term, lead):
    cast(term, [0, 1, 2, 0, 1])
    vote.close_round(term=term, by=lead)

    history = vote.round_history(term=term)
    page = client_as(lead).get(f"/clusters/terms/{term.pk}/vote/").content.decode()

    assert [(row.number, row.is_closed) for row in history] == [(1, True), (2, False)]
    assert history[0].tally == [(term.unit_list[0].name, 2), (term.unit_list[1].name, 2), (term.unit_list[2].name, 1)]
    assert Ballot.objects.filter(term=term, round=1).count() == 5
    assert "Các vòng đã kiểm phiếu" in page and "Vòng 1" in page
    assert "người kiểm phiếu" in page.lower() or str(lead) in page


def test_after_two_rounds_both_the_lead_and_the_deputy_must_confirm(term, lead, deputy):
    undecided_twice(term, lead)
    choice = term.unit_list[2].pk

    first = vote.confirm_choice(term=term, unit_id=choice, by=lead)
    assert not first.decided and Term.objects.get(pk=term.pk).leading_unit is None
    assert "Cụm phó" in first.sentences()

    second = vote.confirm_choice(term=term, unit_id=choice, by=deputy)

    term = Term.objects.get(pk=term.pk)
    assert second.decided
    assert (term.leading_unit_id, term.decision) == (choice, Decision.LEAD_AND_DEPUTY)
    assert set(DeciderChoice.objects.filter(term=term).values_list("side", "confirmed_by")) == {
        (DeciderSide.LEAD, lead.pk),
        (DeciderSide.DEPUTY, deputy.pk),
    }


def test_different_choices_do_not_decide_and_a_new_confirmation_replaces_the_sides_earlier_one(term, lead, deputy):
    undecided_twice(term, lead)
    vote.confirm_choice(term=term, unit_id=term.unit_list[1].pk, by=lead)
    vote.confirm_choice(term=term, unit_id=term.unit_list[2].pk, by=deputy)
    assert Term.objects.get(pk=term.pk).leading_unit is None

    again = vote.confirm_choice(term=term, unit_id=term.unit_list[2].pk, by=lead)

    assert again.replaced_name == term.unit_list[1].name
    assert "thay cho lựa chọn trước đó của Cụm trưởng: " + term.unit_list[1].name in again.sentences()
    assert again.decided
    assert DeciderChoice.objects.filter(term=term).count() == 2


def test_a_unit_cannot_confirm_its_own_election_and_the_office_confirms_in_its_place(term, lead, deputy, officer):
    undecided_twice(term, lead)
    deputy_unit = term.deputy_unit.pk
    before = snapshot()

    with pytest.raises(DomainError, match="không được tự xác nhận"):
        vote.confirm_choice(term=term, unit_id=deputy_unit, by=deputy)
    with pytest.raises(DomainError, match="không được tự xác nhận"):
        vote.confirm_choice(term=term, unit_id=term.lead_unit_id, by=lead)
    with pytest.raises(DomainError, match="chỉ xác nhận thay"):
        vote.confirm_choice(term=term, unit_id=deputy_unit, by=officer, side=DeciderSide.LEAD)
    assert snapshot() == before

    vote.confirm_choice(term=term, unit_id=deputy_unit, by=lead)
    decided = vote.confirm_choice(term=term, unit_id=deputy_unit, by=officer, side=DeciderSide.DEPUTY)

    assert decided.decided
    assert Term.objects.get(pk=term.pk).leading_unit_id == deputy_unit
    assert DeciderChoice.objects.get(term=term, side=DeciderSide.DEPUTY).confirmed_by == officer


def test_a_member_that_is_neither_lead_nor_deputy_cannot_confirm(term, lead):
    undecided_twice(term, lead)
    member = UserFactory(unit=term.unit_list[3], is_unit_officer=True)

    with pytest.raises(DomainError, match="Chỉ Cụm trưởng và Cụm phó"):
        vote.confirm_choice(term=term, unit_id=term.unit_list[2].pk, by=member)


def test_the_decision_is_among_the_candidates_only_and_only_after_two_rounds(term, lead):
    with pytest.raises(DomainError, match="hai vòng"):
        vote.confirm_choice(term=term, unit_id=term.unit_list[2].pk, by=lead)
    undecided_twice(term, lead)

    with pytest.raises(DomainError):
        vote.confirm_choice(term=term, unit_id=term.unit_list[4].pk, by=lead)  # ranked fifth: not a candidate


def test_a_bloc_is_told_with_bloc_words(term, lead):
    term.cluster.kind = ClusterKind.BLOC
    term.cluster.save()
    undecided_twice(term, lead)

    with pytest.raises(DomainError) as refused:
        cast(term, [0])
    confirmation = vote.confirm_choice(term=term, unit_id=term.unit_list[2].pk, by=lead)

    assert "Khối trưởng và Khối phó" in refused.value.message
    assert "Khối trưởng" in confirmation.sentences() and "Cụm" not in confirmation.sentences()


def test_the_deputy_confirms_through_the_page(client_as, term, lead, deputy):
    undecided_twice(term, lead)
    client = client_as(deputy)

    page = client.get(f"/clusters/terms/{term.pk}/vote/").content.decode()
    response = client.post(f"/clusters/terms/{term.pk}/vote/decide/", {"unit": str(term.unit_list[2].pk)}, follow=True)

    assert "Xác nhận lựa chọn" in page
    assert "Đã xác nhận lựa chọn của Cụm phó" in response.content.decode()
    assert DeciderChoice.objects.get(term=term).side == DeciderSide.DEPUTY


def test_the_early_close_through_the_page_needs_the_box_and_the_reason(client_as, term, lead):
    cast(term, [0, 0])
    client = client_as(lead)
    url = f"/clusters/terms/{term.pk}/vote/close/"

    page = client.get(f"/clusters/terms/{term.pk}/vote/").content.decode()
    refused = client.post(url, {"reason": "Vắng"}, follow=True).content.decode()
    assert not VoteRound.objects.filter(term=term, closed_at__isnull=False).exists()
    client.post(url, {"confirm_count": "2", "reason": "Vắng"})

    assert "Kết thúc với 2/5 phiếu" in page
    assert "2/5" in refused
    assert VoteRound.objects.get(term=term, number=1).early_close_reason == "Vắng"
