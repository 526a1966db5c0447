"""The unit autocomplete endpoint: folded search, at most 20 current units, constant queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
URL = reverse("directory:unit_autocomplete")


def test_search_is_folded_and_returns_id_and_name(client_as, outsider):
    unit = UnitFactory(name="Sở Giáo dục và Đào tạo", code="SGD")
    UnitFactory(name="Sở Y tế")

    results = client_as(outsider).get(URL, {"q": "giao duc"}).json()["results"]

    assert results == [{"id": unit.pk, "text": "Sở Giáo dục và Đào tạo", "code": "SGD"}]


def test_current_units_by_default_and_historical_on_request(client_as, outsider):
    gone = UnitFactory(name="Tỉnh Nam Định", valid_until=date(2025, 6, 30))

    current = client_as(outsider).get(URL, {"q": "nam dinh"}).json()["results"]
    every = client_as(outsider).get(URL, {"q": "nam dinh", "all": "1"}).json()["results"]

    assert current == []
    assert [row["id"] for row in every] == [gone.pk]
    assert "30/06/2025" in every[0]["text"]


def test_at_most_twenty_results_and_odd_queries_are_harmless(client_as, outsider):
    UnitFactory.create_batch(25, name="Phường thử nghiệm")
    client = client_as(outsider)

    assert len(client.get(URL, {"q": "phuong"}).json()["results"]) == 20
    for query in ("", "%", "'; drop table", "x" * 5000, "\x00"):
        assert client.get(URL, {"q": query}).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL, {"q": "a"})

    assert response.status_code == 302


def queries(client, query):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, {"q": query})
    assert response.status_code == 200
    return len(captured), len(response.json()["results"])


def test_query_count_is_constant_with_one_or_many_units(client_as, outsider):
    client = client_as(outsider)
    UnitFactory(name="Xã Một")
    one, found = queries(client, "xa mot")
    assert found == 1

    UnitFactory.create_batch(40, name="Xã Một Hai")
    many, found = queries(client, "xa mot")

    assert found == 20
    assert many == one


PEOPLE_URL = reverse("directory:person_autocomplete")


def test_people_are_folded_and_a_unit_officer_sees_only_its_own(client_as, officer, unit_officer):
    from tests.factories import PersonFactory

    own = PersonFactory(full_name="Phạm Thị Lan", unit=unit_officer.unit)
    other = PersonFactory(full_name="Phạm Thị Lanh", unit=UnitFactory(name="Sở Y tế"))

    seen_by_office = client_as(officer).get(PEOPLE_URL, {"q": "pham thi lan"}).json()["results"]
    seen_by_unit = client_as(unit_officer).get(PEOPLE_URL, {"q": "pham thi lan"}).json()["results"]

    assert {row["id"] for row in seen_by_office} == {own.pk, other.pk}
    assert seen_by_unit == [{"id": own.pk, "text": f"Phạm Thị Lan – {unit_officer.unit.name}"}]


def test_people_query_count_is_constant(client_as, officer):
    from tests.factories import PersonFactory

    client = client_as(officer)
    PersonFactory(full_name="Nguyễn Văn An")
    with CaptureQueriesContext(connection) as one:
        client.get(PEOPLE_URL, {"q": "nguyen"})
    PersonFactory.create_batch(30, full_name="Nguyễn Văn Bình")
    with CaptureQueriesContext(connection) as many:
        response = client.get(PEOPLE_URL, {"q": "nguyen"})
    assert len(response.json()["results"]) == 20
    assert len(many) == len(one)


def test_a_current_unit_field_reads_the_day_of_the_form_not_of_the_import(monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    from directory.forms import PersonForm

    today = timezone.localdate()
    ending = UnitFactory(name="Xã sắp sáp nhập", valid_until=today)
    assert PersonForm().fields["unit"].queryset.filter(pk=ending.pk).exists()
    monkeypatch.setattr(timezone, "localdate", lambda *args: today + timedelta(days=1))
    assert not PersonForm().fields["unit"].queryset.filter(pk=ending.pk).exists()
