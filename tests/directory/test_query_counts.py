"""List and detail pages run a constant number of queries whatever the data size.

Each scenario's 1 and many rows are built once for the module (`measure` below, in a savepoint
undone after it) and every page of the scenario is counted in both states; the tests compare.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PersonFactory, UnitFactory
from tests.permissions import built_once_per_module, rolled_back, signed_in_client

# The tests only compare the counts; the mark has the test database set up for the module's build.
pytestmark = pytest.mark.django_db
MANY = 60  # more than two pages of 25
LIST_URLS = ["/directory/units/", "/directory/people/", "/directory/units/?q=don+vi&kind=school"]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def measure_lists(cast):
    client = signed_in_client(cast["officer"])
    parent = UnitFactory(kind="province")
    UnitFactory(kind="school", parent=parent, valid_until=date(2025, 6, 30), successor=parent)
    PersonFactory()
    one_row = {url: queries_for(client, url) for url in LIST_URLS}

    for _ in range(MANY):
        UnitFactory(kind="school", parent=parent, valid_until=date(2025, 6, 30), successor=parent)
    PersonFactory.create_batch(MANY)
    # Each page twice with many rows: the first request and the steady state.
    return {url: (one_row[url], queries_for(client, url), queries_for(client, url)) for url in LIST_URLS}


def measure_unit_detail(cast):
    client = signed_in_client(cast["officer"])
    unit = UnitFactory(kind="province")
    UnitFactory(parent=unit)
    UnitFactory(successor=unit, valid_until=date(2025, 6, 30))
    PersonFactory(unit=unit)
    url = f"/directory/units/{unit.pk}/"
    client.post(f"/directory/units/{unit.pk}/edit/", {"name": "Tên mới", "kind": "province"})
    one_row = queries_for(client, url)

    for index in range(MANY):
        UnitFactory(parent=unit)
        UnitFactory(successor=unit, valid_until=date(2025, 6, 30))
        PersonFactory(unit=unit)
        if index % 20 == 0:
            client.post(f"/directory/units/{unit.pk}/edit/", {"name": f"Tên {index}", "kind": "province"})

    return one_row, queries_for(client, url)


def measure_person_detail(cast):
    client = signed_in_client(cast["officer"])
    person = PersonFactory()
    url = f"/directory/people/{person.pk}/"
    one_row = queries_for(client, url)

    for index in range(30):
        client.post(
            f"/directory/people/{person.pk}/edit/",
            {"full_name": f"Tên {index}", "gender": "female", "unit": person.unit_id},
        )

    return one_row, queries_for(client, url)


def measure(cast):
    """(queries with 1 row, queries with many rows) of every page, each scenario from the cast alone."""
    counts = {}
    for name, scenario in (
        ("lists", measure_lists),
        ("unit", measure_unit_detail),
        ("person", measure_person_detail),
    ):
        with rolled_back():
            counts[name] = scenario(cast)
    return counts


shared_data = built_once_per_module(measure)


@pytest.mark.parametrize("url", LIST_URLS)
def test_list_pages_query_count_is_constant(shared_data, url):
    one_row, many_rows, many_rows_again = shared_data.objects["lists"][url]
    assert many_rows <= one_row
    assert many_rows_again == one_row


def test_unit_detail_query_count_is_constant(shared_data):
    one_row, many_rows = shared_data.objects["unit"]
    assert many_rows <= one_row


def test_person_detail_query_count_is_constant(shared_data):
    one_row, many_rows = shared_data.objects["person"]
    assert many_rows <= one_row
