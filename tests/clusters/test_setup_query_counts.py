"""The set-up pages run a constant number of queries whatever the data size: one row, or a term
with 60 members and 40 criteria (a cluster with 60 member units)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusters.enums import PhaseKind
from clusters.models import ClusterMember, CriterionGroup, Term
from tests.factories.clusters import scored_term

PAGES = [
    "/clusters/{cluster}/edit/",
    "/clusters/{cluster}/members/",
    "/clusters/members/{cluster_member}/end/",
    "/clusters/members/{cluster_member}/remove/",
    "/clusters/{cluster}/terms/new/",
    "/clusters/terms/{term}/setup/",
    "/clusters/terms/{term}/setup/members/",
    "/clusters/term-members/{term_member}/remove/",
    "/clusters/terms/{term}/setup/phases/",
    "/clusters/phases/{phase}/delete/",
    "/clusters/terms/{term}/setup/criteria/",
    "/clusters/terms/{term}/setup/criteria/groups/new/",
    "/clusters/criterion-groups/{group}/edit/",
    "/clusters/criterion-groups/{group}/delete/",
    "/clusters/terms/{term}/setup/criteria/new/",
    "/clusters/criteria/{criterion}/edit/",
    "/clusters/criteria/{criterion}/delete/",
]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def set_up_term(members, criteria):
    term = scored_term(members=members, criteria=criteria // 2 or 1, groups=2, phase=PhaseKind.COMPACT)
    Term.objects.filter(pk=term.pk).update(year=2025)
    child = CriterionGroup.objects.create(
        term=term, parent=CriterionGroup.objects.filter(term=term).first(), title="Con"
    )
    for unit in term.unit_list:
        ClusterMember.objects.create(cluster=term.cluster, unit=unit, from_year=2020)
    return term, child


def urls(page, term, child):
    return page.format(
        cluster=term.cluster_id,
        cluster_member=ClusterMember.objects.filter(cluster=term.cluster).first().pk,
        term=term.pk,
        term_member=term.memberships.exclude(unit=term.lead_unit).first().pk,
        phase=term.phases.get(kind=PhaseKind.RESULTS).pk,
        group=child.pk,
        criterion=term.criterion_list[0].pk,
    )


@pytest.fixture(scope="module")
def terms(django_db_setup, django_db_blocker):
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        small = set_up_term(2, 2)
        large = set_up_term(60, 40)
        yield small, large
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_setup_pages_query_count_is_constant(client_as, officer, terms, page):
    client = client_as(officer)
    small, large = terms

    one_row = queries_for(client, urls(page, *small))
    many_rows = queries_for(client, urls(page, *large))

    assert many_rows <= one_row, page
