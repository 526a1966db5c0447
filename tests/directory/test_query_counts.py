"""List and detail pages run a constant number of queries whatever the data size."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PersonFactory, UnitFactory

MANY = 60  # more than two pages of 25


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/directory/units/", "/directory/people/", "/directory/units/?q=don+vi&kind=school"])
def test_list_pages_query_count_is_constant(client_as, officer, django_assert_max_num_queries, url):
    client = client_as(officer)
    parent = UnitFactory(kind="province")
    UnitFactory(kind="school", parent=parent, valid_until=date(2025, 6, 30), successor=parent)
    PersonFactory()
    one_row = queries_for(client, url)

    for _ in range(MANY):
        UnitFactory(kind="school", parent=parent, valid_until=date(2025, 6, 30), successor=parent)
    PersonFactory.create_batch(MANY)
    with django_assert_max_num_queries(one_row):
        client.get(url)
    assert queries_for(client, url) == one_row


@pytest.mark.django_db
def test_unit_detail_query_count_is_constant(client_as, officer, django_assert_max_num_queries):
    client = client_as(officer)
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

    with django_assert_max_num_queries(one_row):
        client.get(url)


@pytest.mark.django_db
def test_person_detail_query_count_is_constant(client_as, officer, django_assert_max_num_queries):
    client = client_as(officer)
    person = PersonFactory()
    url = f"/directory/people/{person.pk}/"
    one_row = queries_for(client, url)

    for index in range(30):
        client.post(
            f"/directory/people/{person.pk}/edit/",
            {"full_name": f"Tên {index}", "gender": "female", "unit": person.unit_id},
        )

    with django_assert_max_num_queries(one_row):
        client.get(url)
