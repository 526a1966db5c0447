"""List and detail pages run a constant number of queries whatever the data size.

The small term and the large one are built once for the module (`measure` below) and every page
is counted for both, as the lead and as an officer; the tests compare.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusters.enums import PhaseKind, SheetStatus
from clusters.models import Sheet
from tests.factories import UserFactory
from tests.factories.clusters import scored_term
from tests.permissions import built_once_per_module, signed_in_client

# The tests only compare the counts; the mark has the test database set up for the module's build.
pytestmark = pytest.mark.django_db


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def term_with(members, *, lead_unit, phase=PhaseKind.VOTE):
    term = scored_term(
        members=members,
        criteria=3,
        groups=2,
        lead_unit=lead_unit,
        phase=phase,
        points={i: [i, 1, 2, 3, 4, 5] for i in range(members)},
    )
    Sheet.objects.filter(pk=term.sheet_list[-1].pk).update(status=SheetStatus.SUBMITTED)
    return term


PAGES = [
    "/clusters/",
    "/clusters/{cluster}/",
    "/clusters/terms/{term}/",
    "/clusters/terms/{term}/review/",
    "/clusters/terms/{term}/ranking/",
    "/clusters/terms/{term}/vote/",
    "/clusters/sheets/{sheet}/",
    "/clusters/sheets/{submitted}/review/",
]


LEAD_ONLY = {"/clusters/sheets/{submitted}/review/"}  # officers cannot open a sheet's review page


CASES = [
    (page, role) for page in PAGES for role in ("lead", "officer") if not (role == "officer" and page in LEAD_ONLY)
]


def url(page, term):
    return page.format(
        cluster=term.cluster_id, term=term.pk, sheet=term.sheet_list[0].pk, submitted=term.sheet_list[-1].pk
    )


def measure(cast):
    """{(page, role): (queries for the small term, queries for the large one)}."""
    member_unit = cast["member_unit"]
    clients = {
        "officer": signed_in_client(cast["officer"]),
        "lead": signed_in_client(UserFactory(unit=member_unit, is_unit_officer=True)),
    }

    small = term_with(2, lead_unit=member_unit)
    one_row = {(page, role): queries_for(clients[role], url(page, small)) for page, role in CASES}

    large = term_with(15, lead_unit=member_unit)
    for _ in range(10):
        scored_term(members=2, lead_unit=member_unit)

    return {(page, role): (one_row[page, role], queries_for(clients[role], url(page, large))) for page, role in CASES}


shared_data = built_once_per_module(measure)


@pytest.mark.parametrize(("page", "role"), CASES)
def test_pages_query_count_is_constant(shared_data, page, role):
    one_row, many_rows = shared_data.objects[page, role]
    assert many_rows <= one_row
