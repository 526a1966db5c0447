"""Issue 13 (part): pages that choose a unit no longer list the directory; their size does not grow with it."""

import pytest
from django.urls import reverse

from tests.factories import UnitFactory
from tests.factories.awards import ProposalFactory
from tests.factories.clusters import TermFactory
from tests.factories.movements import MovementReviewFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "awards:proposal_list",
    "movements:movement_create",
    "movements:movement_list",
    "directory:unit_create",
    "directory:person_create",
    "directory:person_list",
    "awards:proposal_create",
]


def sizes(client):
    return {name: len(client.get(reverse(name)).content) for name in PAGES}


def test_pages_do_not_grow_with_the_directory_and_the_unit_filter_still_filters(client_as, officer):
    client = client_as(officer)
    mine = ProposalFactory(title="Hồ sơ của Sở Xây dựng", unit=UnitFactory(name="Sở Xây dựng"))
    trade = UnitFactory(name="Sở Công Thương")
    ProposalFactory.create_batch(30, title="Hồ sơ của Sở Công Thương", unit=trade)  # a full first page already
    MovementReviewFactory.create_batch(30)  # and of movements
    before = sizes(client)
    for unit in UnitFactory.create_batch(300, name="Ủy ban nhân dân xã thử nghiệm có tên khá dài"):
        ProposalFactory(unit=unit, title="Hồ sơ của Sở Công Thương")
    MovementReviewFactory.create_batch(40)  # the proposal form links a review and a term: autocompletes too
    TermFactory.create_batch(40)
    after = sizes(client)
    for name in PAGES:
        assert after[name] < before[name] + 2000, name  # 300 more units would add ~30 KB to a select

    page = client.get(reverse("awards:proposal_list"), {"unit": mine.unit_id}).content.decode()
    assert "Hồ sơ của Sở Xây dựng" in page and "Hồ sơ của Sở Công Thương" not in page
    assert f'<option value="{mine.unit_id}" selected>Sở Xây dựng</option>' in page
