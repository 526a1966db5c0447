"""The office's two lists and their detail pages (issue 14) run a constant number of queries with 1 and
many rows (many organisations and civil servants; many civil servants and corrections on a page)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import OfficeOrganisation, OfficeStaff
from tests.permissions import built_once_per_module, rolled_back, signed_in_client

pytestmark = pytest.mark.django_db
MANY = 30  # more than a page of 25
URLS = [
    "/directory/office/organisations/",
    "/directory/office/organisations/?q=ban&structure=provincial_board&year=2025",
    "/directory/office/staff/",
    "/directory/office/staff/?q=nguyen&gender=female&training=university&year=2025",
]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add(count, suffix=""):
    for index in range(count):
        organisation = OfficeOrganisation.objects.create(name=f"Ban {suffix}{index}", structure="provincial_board")
        OfficeStaff.objects.create(
            full_name=f"Nguyễn Thị {suffix}{index}",
            gender="female",
            birth_year=1985,
            training="university",
            in_work_since=2012,
            organisation=organisation,
        )


def measure(cast):
    with rolled_back():
        client = signed_in_client(cast["officer"])
        add(1)
        one = {url: queries_for(client, url) for url in URLS}
        add(MANY, "b")
        return {url: (one[url], queries_for(client, url)) for url in URLS}


def measure_details(cast):
    from directory.domain.office import save_office_row

    with rolled_back():
        client = signed_in_client(cast["officer"])
        add(1, "d")
        organisation = OfficeOrganisation.objects.get(name="Ban d0")
        person = organisation.staff.get()
        urls = {
            "organisation": f"/directory/office/organisations/{organisation.pk}/",
            "staff": f"/directory/office/staff/{person.pk}/",
        }
        one = {page: queries_for(client, url) for page, url in urls.items()}
        for index in range(MANY):
            OfficeStaff.objects.create(
                full_name=f"Trần Văn {index}",
                gender="male",
                birth_year=1980,
                training="college",
                in_work_since=2010,
                organisation=organisation,
            )
            person.training = "college" if index % 2 else "university"
            save_office_row(row=person, reason=f"Sửa lần {index}", by=cast["officer"])
        return {page: (one[page], queries_for(client, url)) for page, url in urls.items()}


def measure_all(cast):
    return {**measure(cast), **measure_details(cast)}


shared_data = built_once_per_module(measure_all)
DETAILS = ["organisation", "staff"]


@pytest.mark.parametrize("url", URLS)
def test_office_lists_query_count_is_constant(shared_data, url):
    one, many = shared_data.objects[url]
    assert many <= one


@pytest.mark.parametrize("page", DETAILS)
def test_office_detail_pages_query_count_is_constant(shared_data, page):
    one, many = shared_data.objects[page]
    assert many <= one
