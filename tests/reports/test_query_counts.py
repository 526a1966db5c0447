"""List and detail pages run a constant number of queries whatever the data size.

Each scenario's 1 and many rows are built once for the module (`measure` below, in a savepoint
undone after it) and every page of the scenario is counted in both states; the tests compare.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.models import ClusterReport, Conference, ConferenceAttendee, MemberReport
from tests.factories import UnitFactory
from tests.factories.reports import (
    ClusterFactory,
    ConferenceFactory,
    IndicatorFactory,
    submitted_report,
    term_with_members,
)
from tests.permissions import built_once_per_module, rolled_back, signed_in_client

# The tests only compare the counts; the mark has the test database set up for the module's build.
pytestmark = pytest.mark.django_db
LIST_URLS = ["/reports/", "/reports/cluster/", "/reports/conferences/", "/reports/?q=don+vi&period=h1&status=submitted"]
DETAIL_PAGES = range(4)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_rows(count):
    """`count` more submitted reports, terms and conferences, each with figures."""
    indicators = IndicatorFactory.create_batch(3)
    for _index in range(count):
        term = term_with_members(cluster=ClusterFactory(), count=2)
        for membership in term.memberships.select_related("unit"):
            submitted_report(term=term, unit=membership.unit, figures=dict.fromkeys(indicators, 7))
        conference = ConferenceFactory(term=term)
        conference.attending_units.set([term.lead_unit])


def measure_lists(cast):
    client = signed_in_client(cast["officer"])
    add_rows(1)
    for term in {report.term for report in MemberReport.objects.select_related("term")}:
        ClusterReport.objects.get_or_create(term=term, period="h1")
    one_row = {url: queries_for(client, url) for url in LIST_URLS}

    add_rows(15)
    for term in {report.term for report in MemberReport.objects.select_related("term")}:
        ClusterReport.objects.get_or_create(term=term, period="h1")
    return {url: (one_row[url], queries_for(client, url)) for url in LIST_URLS}


def detail_urls(conference):
    report = MemberReport.objects.filter(term=conference.term).first()
    cluster_report = conference.term.cluster_reports.first()
    return [
        f"/reports/conferences/{conference.pk}/",
        f"/reports/conferences/{conference.pk}/summary/status/",
        f"/reports/{report.pk}/",
        f"/reports/cluster/{cluster_report.pk}/",
    ]


def measure_details(cast):
    client = signed_in_client(cast["officer"])
    indicator = IndicatorFactory()
    term = term_with_members(count=1)
    for membership in term.memberships.select_related("unit"):
        submitted_report(term=term, unit=membership.unit, figures={indicator: 5})
    ClusterReport.objects.create(term=term, period="h1")
    conference = ConferenceFactory(term=term)
    ConferenceAttendee.objects.create(conference=conference, full_name="Trần Thị Hà", title="Thứ trưởng")
    urls = detail_urls(conference)
    one_row = [queries_for(client, url) for url in urls]

    more_indicators = IndicatorFactory.create_batch(10)
    for _index in range(30):
        unit = UnitFactory()
        term.memberships.create(unit=unit)
        submitted_report(term=term, unit=unit, figures=dict.fromkeys([indicator, *more_indicators], 6))
        ConferenceAttendee.objects.create(conference=conference, full_name="Đại biểu", title="Chuyên viên")
    conference.attending_units.set([membership.unit for membership in term.memberships.all()])
    first_report = MemberReport.objects.filter(term=term).order_by("pk").first()
    for value in [indicator, *more_indicators]:
        first_report.values.get_or_create(indicator=value, defaults={"value": 1})
    for index in range(10):
        conference.title = f"Hội nghị {index}"
        conference.save()

    many_rows = [queries_for(client, url) for url in urls]
    return {"counts": list(zip(one_row, many_rows, strict=True)), "conferences": Conference.objects.count()}


def measure(cast):
    """(queries with 1 row, queries with many rows) of every page, each scenario from the cast alone."""
    counts = {}
    for name, scenario in (("lists", measure_lists), ("details", measure_details)):
        with rolled_back():
            counts[name] = scenario(cast)
    return counts


shared_data = built_once_per_module(measure)


@pytest.mark.parametrize("url", LIST_URLS)
def test_list_pages_query_count_is_constant(shared_data, url):
    one_row, many_rows = shared_data.objects["lists"][url]
    assert many_rows <= one_row


@pytest.mark.parametrize("page", DETAIL_PAGES)
def test_detail_pages_query_count_is_constant(shared_data, page):
    one_row, many_rows = shared_data.objects["details"]["counts"][page]
    assert many_rows <= one_row
    assert shared_data.objects["details"]["conferences"] == 1
