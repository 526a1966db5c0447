"""The ranking, the review queue and their exports run a constant number of queries: one member
against 60 members x 40 criteria."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusters.domain.ranking import ranking
from clusters.enums import PhaseKind, SheetStatus
from clusters.models import Sheet
from tests.factories import UserFactory
from tests.factories.clusters import scored_term


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def term_with(members, criteria_per_group, *, lead_unit):
    term = scored_term(
        members=members,
        criteria=criteria_per_group,
        groups=4,
        lead_unit=lead_unit,
        phase=PhaseKind.REVIEW,
        points={i: [(i * 7 + n * 3) % 10 for n in range(4 * criteria_per_group)] for i in range(members)},
    )
    # A third of the sheets are waiting for review.
    waiting = [sheet.pk for sheet in term.sheet_list[1::3]]
    Sheet.objects.filter(pk__in=waiting).update(status=SheetStatus.SUBMITTED)
    return term


PAGES = [
    "/clusters/terms/{term}/ranking/",
    "/clusters/terms/{term}/ranking/?format=xlsx",
    "/clusters/terms/{term}/review/",
    "/clusters/terms/{term}/review/?format=xlsx",
    "/clusters/sheets/{sheet}/export/",
    "/clusters/sheets/{sheet}/review/",
]


@pytest.fixture(scope="module")
def terms(django_db_setup, django_db_blocker):
    """A one-member term and a 60 x 40 term, led by the same unit (built once, removed at the end)."""
    from django.db import transaction

    from tests.factories import UnitFactory

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        unit = UnitFactory()
        small = term_with(1, 1, lead_unit=unit)
        large = term_with(60, 10, lead_unit=unit)
        yield {"unit": unit, "small": small, "large": large}
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


# Officers review only the lead's own sheet when there is no deputy: no officer case for the review page.
CASES = [
    (page, role)
    for page in PAGES
    for role in ("lead", "officer")
    if not (role == "officer" and "/review/" in page and "/sheets/" in page)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("page", "role"), CASES)
def test_pages_query_count_is_constant(client_as, officer, terms, page, role):
    user = officer if role == "officer" else UserFactory(unit=terms["unit"], is_unit_officer=True)
    client = client_as(user)

    def url(term):
        # A member's sheet (not the lead's own), submitted so it can be reviewed.
        return page.format(term=term.pk, sheet=term.sheet_list[-1 if len(term.sheet_list) < 3 else 1].pk)

    small, large = terms["small"], terms["large"]
    if "{sheet}" in page:
        # The one-member term has only the lead's own sheet: compare with a two-member term instead.
        small = scored_term(members=2, criteria=1, lead_unit=terms["unit"], phase=PhaseKind.REVIEW, points={1: [1]})
        Sheet.objects.filter(pk=small.sheet_list[1].pk).update(status=SheetStatus.SUBMITTED)
    one_row = queries_for(client, url(small))

    assert queries_for(client, url(large)) <= one_row


@pytest.mark.django_db
def test_the_ranking_is_one_query_on_60_members_and_40_criteria(terms):
    with CaptureQueriesContext(connection) as captured:
        rows = ranking(term=terms["large"])

    assert len(rows) == 40  # 60 members, 20 sheets still submitted
    assert len(captured) == 1  # the sheets, their units and their exact sums
