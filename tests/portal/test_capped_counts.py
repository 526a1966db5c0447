"""Issue 13 (part): lists count at most COUNT_CAP rows and say "more than" beyond it."""

import pytest
from django.urls import reverse

from portal import lists
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_a_list_beyond_the_cap_says_more_than_and_still_pages(client_as, officer, monkeypatch):
    monkeypatch.setattr(lists, "COUNT_CAP", 30)
    UnitFactory.create_batch(31, name="Xã thử nghiệm")
    client = client_as(officer)

    page = client.get(reverse("directory:unit_list"), {"q": "xa thu nghiem"}).content.decode()
    assert "Hơn 30 kết quả" in page and "Trang 1 trên hơn 2 trang" in page
    second = client.get(reverse("directory:unit_list"), {"q": "xa thu nghiem", "page": 2})
    assert second.status_code == 200 and second.context["page_obj"].object_list

    exact = client.get(reverse("directory:unit_list"), {"q": "xa thu nghiem", "kind": "commune"}).content.decode()
    assert "Hơn 30" not in exact  # under the cap: the exact count, as before


def test_the_paginator_counts_exactly_up_to_the_cap(monkeypatch):
    from directory.models import Unit

    monkeypatch.setattr(lists, "COUNT_CAP", 5)
    UnitFactory.create_batch(5)
    at_cap = lists.CappedPaginator(Unit.objects.order_by("pk"), 2)
    assert (at_cap.count, at_cap.capped, at_cap.num_pages) == (5, False, 3)
    UnitFactory()
    over = lists.CappedPaginator(Unit.objects.order_by("pk"), 2)
    assert (over.count, over.capped) == (5, True)
