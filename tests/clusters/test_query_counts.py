"""List and detail pages run a constant number of queries whatever the data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusters.enums import PhaseKind, SheetStatus
from clusters.models import Sheet
from tests.factories import UserFactory
from tests.factories.clusters import scored_term


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


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "role"),
    [(page, role) for page in PAGES for role in ("lead", "officer") if not (role == "officer" and page in LEAD_ONLY)],
)
def test_pages_query_count_is_constant(client_as, officer, member_unit, page, role):
    user = officer if role == "officer" else UserFactory(unit=member_unit, is_unit_officer=True)
    client = client_as(user)

    def url(term):
        return page.format(
            cluster=term.cluster_id, term=term.pk, sheet=term.sheet_list[0].pk, submitted=term.sheet_list[-1].pk
        )

    small = term_with(2, lead_unit=member_unit)
    one_row = queries_for(client, url(small))

    large = term_with(15, lead_unit=member_unit)
    for _ in range(10):
        scored_term(members=2, lead_unit=member_unit)

    assert queries_for(client, url(large)) <= one_row
