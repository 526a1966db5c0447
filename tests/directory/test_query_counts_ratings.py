"""The ratings list and the person and unit pages' ratings run a constant number of queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import DutyRating
from tests.factories import PersonFactory, UnitFactory
from tests.factories.directory import rate
from tests.permissions import built_once_per_module, rolled_back, signed_in_client

pytestmark = pytest.mark.django_db
MANY = 30  # more than a page of 25
YEARS = range(1990, 1990 + MANY)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def measure_list(cast, role):
    client = signed_in_client(cast[role])
    unit = cast["member_unit"]
    urls = ["/directory/ratings/", "/directory/ratings/?year=1990&rating=excellent&kind=people&q=thu"]
    rate(PersonFactory(unit=unit), 1990)
    rate(unit, 1990)
    one = {url: queries_for(client, url) for url in urls}
    DutyRating.objects.bulk_create(
        DutyRating(person=person, year=1990, rating="excellent", source_document="QĐ")
        for person in PersonFactory.create_batch(MANY, unit=unit)
    )
    return {url: (one[url], queries_for(client, url)) for url in urls}


def measure_person(cast):
    client = signed_in_client(cast["officer"])
    person = PersonFactory()
    url = f"/directory/people/{person.pk}/"
    rate(person, 1990)
    one = queries_for(client, url)
    rate(person, *YEARS[1:])
    return one, queries_for(client, url)


def measure_unit(cast):
    client = signed_in_client(cast["officer"])
    unit = UnitFactory()
    predecessor = UnitFactory(successor=unit, valid_until=date(2025, 6, 30))
    url = f"/directory/units/{unit.pk}/"
    rate(unit, 1990)
    one = queries_for(client, url)
    rate(unit, *YEARS[1:])
    rate(predecessor, *YEARS)
    page = client.get(url).content.decode()
    assert predecessor.name in page  # which unit a predecessor's rating was given to
    return one, queries_for(client, url)


def measure(cast):
    counts = {}
    for name, scenario in (
        ("list_officer", lambda cast: measure_list(cast, "officer")),
        ("list_unit_officer", lambda cast: measure_list(cast, "unit_officer")),
        ("person", measure_person),
        ("unit", measure_unit),
    ):
        with rolled_back():
            counts[name] = scenario(cast)
    return counts


shared_data = built_once_per_module(measure)


@pytest.mark.parametrize("name", ["list_officer", "list_unit_officer"])
def test_ratings_list_query_count_is_constant(shared_data, name):
    for one, many in shared_data.objects[name].values():
        assert many <= one


@pytest.mark.parametrize("name", ["person", "unit"])
def test_detail_pages_ratings_query_count_is_constant(shared_data, name):
    one, many = shared_data.objects[name]
    assert many <= one
