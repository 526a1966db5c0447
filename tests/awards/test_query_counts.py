"""List and detail pages run a constant number of queries whatever the data size."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.domain import catalogue
from awards.models import CouncilVote, Decision
from tests.factories.awards import (
    AwardRecordFactory,
    CouncilSessionFactory,
    NomineeFactory,
    ProposalFactory,
    catalogue_award,
)
from tests.factories.directory import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db
MANY = 30


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def proposal_with_nominees(count, proposal=None, **fields):
    proposal = proposal or ProposalFactory(**fields)
    for _ in range(count):
        NomineeFactory(
            proposal=proposal,
            person=PersonFactory(),
            eligibility_status="failed",
            eligibility_explanation="…",
            override_reason="Lý do",
        )
    return proposal


@pytest.mark.parametrize(
    "url",
    [
        "/awards/proposals/",
        "/awards/proposals/?q=de+nghi&state=draft&late=true",
        "/awards/proposals/queue/",
        "/awards/council/",
    ],
)
def test_list_pages_query_count_is_constant(client_as, officer, parameters, url):
    client = client_as(officer)
    proposal_with_nominees(1, state="submitted", submitted_on=date(2025, 12, 1))
    CouncilSessionFactory()
    one_row = queries_for(client, url)

    for _ in range(MANY):
        proposal_with_nominees(2, state="submitted", submitted_on=date(2025, 12, 1))
        CouncilSessionFactory()

    assert queries_for(client, url) == one_row


def test_proposal_detail_query_count_is_constant(client_as, officer, parameters):
    client = client_as(officer)
    proposal = proposal_with_nominees(1)
    url = f"/awards/proposals/{proposal.pk}/"
    one_row = queries_for(client, url)

    proposal_with_nominees(MANY, proposal=proposal)

    assert queries_for(client, url) == one_row


def test_session_detail_query_count_is_constant(client_as, officer, parameters):
    client = client_as(officer)
    session = CouncilSessionFactory()
    award = catalogue_award(catalogue.GRASSROOTS_FIGHTER)

    def voted_and_waiting():
        proposal = ProposalFactory(state="at_council")
        voted = NomineeFactory(proposal=proposal, award=award)
        CouncilVote.objects.create(
            session=session, nominee=voted, in_favour=9, against=0, threshold=80, share=90, is_passed=True
        )
        NomineeFactory(proposal=proposal, award=award)

    voted_and_waiting()
    url = f"/awards/council/{session.pk}/"
    one_row = queries_for(client, url)

    for _ in range(MANY // 2):
        voted_and_waiting()

    assert queries_for(client, url) == one_row


def test_decision_detail_query_count_is_constant(client_as, officer, parameters):
    client = client_as(officer)
    proposal = ProposalFactory(state="decided")
    decision = Decision.objects.create(
        proposal=proposal,
        number="1/QĐ",
        signed_on=date(2025, 12, 30),
        signer="A",
        base_salary=2340000,
        created_by=officer,
    )

    def record():
        AwardRecordFactory(decision=decision, amount=702000)
        NomineeFactory(proposal=proposal, outcome="rejected", outcome_reason="Chưa đủ điều kiện")

    record()
    url = f"/awards/decisions/{decision.pk}/"
    one_row = queries_for(client, url)

    for _ in range(MANY):
        record()

    assert queries_for(client, url) == one_row


@pytest.mark.parametrize("url", ["/awards/history/?q=nguyen", "/awards/history/?q=so+noi+vu", "/awards/history/"])
def test_lookup_query_count_is_constant(client_as, officer, parameters, url):
    client = client_as(officer)

    def unit_with_history():
        old = UnitFactory(name="Sở Nội vụ tỉnh Nam Định", valid_until=date(2025, 6, 30))
        new = UnitFactory(name="Sở Nội vụ tỉnh Ninh Bình")
        old.successor = new
        old.save()
        for unit in (old, new):
            AwardRecordFactory(
                person=None,
                unit=unit,
                is_collective=True,
                recipient_name=unit.name,
                award=catalogue_award(catalogue.EXCELLENT_COLLECTIVE),
            )
        AwardRecordFactory(person=PersonFactory(full_name="Nguyễn Văn An", unit=new))

    unit_with_history()
    one_row = queries_for(client, url)

    for _ in range(MANY // 2):
        unit_with_history()

    # One query per generation of mergers, not per unit: the count can only stay or drop.
    assert queries_for(client, url) <= one_row
