"""List and detail pages run a constant number of queries whatever the data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.models import Conference, ConferenceAttendee, MemberReport
from tests.factories import UnitFactory
from tests.factories.reports import (
    ClusterFactory,
    ConferenceFactory,
    IndicatorFactory,
    submitted_report,
    term_with_members,
)


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


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/reports/", "/reports/cluster/", "/reports/conferences/", "/reports/?q=don+vi&period=h1&status=submitted"]
)
def test_list_pages_query_count_is_constant(client_as, officer, django_assert_max_num_queries, url):
    client = client_as(officer)
    add_rows(1)
    from reports.models import ClusterReport

    for term in {report.term for report in MemberReport.objects.select_related("term")}:
        ClusterReport.objects.get_or_create(term=term, period="h1")
    one_row = queries_for(client, url)

    add_rows(15)
    for term in {report.term for report in MemberReport.objects.select_related("term")}:
        ClusterReport.objects.get_or_create(term=term, period="h1")
    with django_assert_max_num_queries(one_row):
        client.get(url)


def detail_urls(conference):
    report = MemberReport.objects.filter(term=conference.term).first()
    cluster_report = conference.term.cluster_reports.first()
    return [
        f"/reports/conferences/{conference.pk}/",
        f"/reports/conferences/{conference.pk}/summary/status/",
        f"/reports/{report.pk}/",
        f"/reports/cluster/{cluster_report.pk}/",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("page", range(4))
def test_detail_pages_query_count_is_constant(client_as, officer, django_assert_max_num_queries, page):
    from reports.models import ClusterReport

    client = client_as(officer)
    indicator = IndicatorFactory()
    term = term_with_members(count=1)
    for membership in term.memberships.select_related("unit"):
        submitted_report(term=term, unit=membership.unit, figures={indicator: 5})
    ClusterReport.objects.create(term=term, period="h1")
    conference = ConferenceFactory(term=term)
    ConferenceAttendee.objects.create(conference=conference, full_name="Trần Thị Hà", title="Thứ trưởng")
    url = detail_urls(conference)[page]
    one_row = queries_for(client, url)

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

    with django_assert_max_num_queries(one_row):
        client.get(url)
    assert Conference.objects.count() == 1
