"""Diacritic-insensitive search, on whichever database the suite runs (PostgreSQL under make test)."""

import pytest

from directory.models import Unit
from tests.factories import PersonFactory, UnitFactory


@pytest.fixture
def provinces(db):
    return {name: UnitFactory(name=name, kind="province") for name in ("Hà Nội", "Hà Nam", "Hà Tĩnh", "Đà Nẵng")}


@pytest.mark.parametrize("query", ["ha noi", "Ha Noi", "Hà Nội", "HÀ NỘI", "noi"])
def test_unit_search_ignores_diacritics_and_case(provinces, query):
    assert list(Unit.objects.search(query)) == [provinces["Hà Nội"]]


def test_unit_search_handles_the_letter_d_with_stroke(provinces):
    assert list(Unit.objects.search("da nang")) == [provinces["Đà Nẵng"]]


def test_unit_search_requires_every_word(provinces):
    assert set(Unit.objects.search("ha")) == {provinces["Hà Nội"], provinces["Hà Nam"], provinces["Hà Tĩnh"]}
    assert list(Unit.objects.search("ha tinh")) == [provinces["Hà Tĩnh"]]


def test_search_runs_on_postgresql_too(postgresql, provinces):
    assert list(Unit.objects.search("ha noi")) == [provinces["Hà Nội"]]


@pytest.mark.django_db
def test_person_search_ignores_diacritics():
    person = PersonFactory(full_name="Nguyễn Thị Thu Hà")
    PersonFactory(full_name="Trần Văn Minh")

    from directory.models import Person

    assert list(Person.objects.search("nguyen thi thu ha")) == [person]
