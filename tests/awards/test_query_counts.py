"""List and detail pages run a constant number of queries whatever the data size.

Each scenario's 1 and many rows are built once for the module (`measure` below, in a savepoint
undone after it) and every page of the scenario is counted in both states; the tests compare.
"""

from datetime import date

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from awards.domain import catalogue
from awards.models import CouncilMember, CouncilVote, Decision, SessionAttendance, SessionQuota
from tests.factories.awards import (
    AwardRecordFactory,
    CouncilSessionFactory,
    NomineeFactory,
    ProposalFactory,
    catalogue_award,
    legal_parameters,
)
from tests.factories.directory import PersonFactory, UnitFactory, UserFactory
from tests.permissions import built_once_per_module, rolled_back, signed_in_client

# The tests only compare the counts; the mark has the test database set up for the module's build.
pytestmark = pytest.mark.django_db
MANY = 30
LIST_URLS = [
    "/awards/proposals/",
    "/awards/proposals/?q=de+nghi&state=draft&late=true",
    "/awards/proposals/queue/",
    "/awards/council/",
    "/awards/council/members/",
    "/awards/council/members/?q=tran&is_active=true",
]
LOOKUP_URLS = ["/awards/history/?q=nguyen", "/awards/history/?q=so+noi+vu", "/awards/history/"]


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


def measure_lists(officer):
    client = signed_in_client(officer)
    proposal_with_nominees(1, state="submitted", submitted_on=date(2025, 12, 1))
    CouncilSessionFactory()
    CouncilMember.objects.create(full_name="Trần Văn Chủ", position="chairman", user=officer)
    one_row = {url: queries_for(client, url) for url in LIST_URLS}

    for number in range(MANY):
        proposal_with_nominees(2, state="submitted", submitted_on=date(2025, 12, 1))
        CouncilSessionFactory()
        CouncilMember.objects.create(full_name=f"Trần Văn Ủy {number}", user=UserFactory())

    return {url: (one_row[url], queries_for(client, url)) for url in LIST_URLS}


def measure_proposal_detail(officer):
    client = signed_in_client(officer)
    proposal = proposal_with_nominees(1)
    url = f"/awards/proposals/{proposal.pk}/"
    one_row = queries_for(client, url)

    proposal_with_nominees(MANY, proposal=proposal)

    return one_row, queries_for(client, url)


def measure_session_detail(officer):
    client = signed_in_client(officer)
    session = CouncilSessionFactory()
    award = catalogue_award(catalogue.GRASSROOTS_FIGHTER)
    SessionQuota.objects.create(session=session, award=award, places=1)  # the ranking is shown too

    def voted_and_waiting():
        proposal = ProposalFactory(state="at_council")
        voted = NomineeFactory(proposal=proposal, award=award)
        vote = CouncilVote.objects.create(
            session=session, nominee=voted, in_favour=9, against=0, threshold=80, share=90, is_passed=True
        )
        NomineeFactory(proposal=proposal, award=award)
        member = CouncilMember.objects.create(full_name=f"Thành viên {vote.pk}")
        SessionAttendance.objects.create(session=session, member=member, present=vote.pk % 2 == 0)
        annulled = NomineeFactory(proposal=proposal, award=award, unit=UnitFactory(), person=None)
        CouncilVote.objects.create(
            session=session,
            nominee=annulled,
            in_favour=9,
            against=0,
            threshold=80,
            share=90,
            is_passed=True,
            annulled_at=timezone.now(),
            annulled_by=officer,
            annul_reason="Nhập nhầm",
        )

    voted_and_waiting()
    url = f"/awards/council/{session.pk}/"
    one_row = queries_for(client, url)

    for _ in range(MANY // 2):
        voted_and_waiting()

    return one_row, queries_for(client, url)


def measure_decision_detail(officer):
    client = signed_in_client(officer)
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

    return one_row, queries_for(client, url)


def measure_lookup(officer):
    client = signed_in_client(officer)

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
    one_row = {url: queries_for(client, url) for url in LOOKUP_URLS}

    for _ in range(MANY // 2):
        unit_with_history()

    return {url: (one_row[url], queries_for(client, url)) for url in LOOKUP_URLS}


def measure(cast):
    """(queries with 1 row, queries with many rows) of every page, each scenario from the cast and
    the legal parameters alone."""
    legal_parameters()
    # The content types are cached per process: warm them, so the first page counted pays no lookup.
    ContentType.objects.get_for_models(*apps.get_models())
    counts = {}
    for name, scenario in (
        ("lists", measure_lists),
        ("proposal", measure_proposal_detail),
        ("session", measure_session_detail),
        ("decision", measure_decision_detail),
        ("lookup", measure_lookup),
    ):
        with rolled_back():
            counts[name] = scenario(cast["officer"])
    return counts


shared_data = built_once_per_module(measure)


@pytest.mark.parametrize("url", LIST_URLS)
def test_list_pages_query_count_is_constant(shared_data, url):
    one_row, many_rows = shared_data.objects["lists"][url]
    assert many_rows == one_row


def test_proposal_detail_query_count_is_constant(shared_data):
    one_row, many_rows = shared_data.objects["proposal"]
    assert many_rows == one_row


def test_session_detail_query_count_is_constant(shared_data):
    one_row, many_rows = shared_data.objects["session"]
    assert many_rows == one_row


def test_decision_detail_query_count_is_constant(shared_data):
    one_row, many_rows = shared_data.objects["decision"]
    assert many_rows == one_row


@pytest.mark.parametrize("url", LOOKUP_URLS)
def test_lookup_query_count_is_constant(shared_data, url):
    one_row, many_rows = shared_data.objects["lookup"][url]
    # One query per generation of mergers, not per unit: the count can only stay or drop.
    assert many_rows <= one_row
