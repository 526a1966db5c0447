"""The duplicate people page: what normalise_text could not merge, with why, in constant queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PersonFactory, UnitFactory
from tests.permissions import built_once_per_module, rolled_back, signed_in_client

pytestmark = pytest.mark.django_db
URL = "/directory/people/duplicates/"


def plant(count):
    for index in range(count):
        unit = UnitFactory()
        PersonFactory(full_name=f"Trần Thị Lan {index}", unit=unit, date_of_birth=date(1980, 1, 1))
        PersonFactory(full_name=f"Trần Thị Lan {index}", unit=unit, date_of_birth=date(1990, 1, 1))
    PersonFactory.create_batch(3)  # not duplicates


def measure(cast):
    client = signed_in_client(cast["officer"])
    measured = {}
    with rolled_back():
        empty = client.get(URL)
        measured["empty"] = empty.content.decode()
    for size in (1, 30):
        with rolled_back():
            plant(size)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(URL)
            measured[size] = (len(captured), response.content.decode())
    return measured


shared_data = built_once_per_module(measure)


def test_the_page_lists_each_group_with_why_in_constant_queries(shared_data):
    measured = shared_data.objects
    assert "Không có cá nhân nào bị ghi trùng." in measured["empty"]
    (one_count, one_page), (many_count, many_page) = measured[1], measured[30]
    assert one_count == many_count
    assert one_page.count("Ngày sinh khác nhau") == 1 and many_page.count("Ngày sinh khác nhau") == 30
    assert "Trần Thị Lan 0" in one_page and "01/01/1980" in one_page and "01/01/1990" in one_page
