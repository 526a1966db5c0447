"""List and detail pages run a constant number of queries whatever the data size.

Each scenario's 1 and many rows are built once for the module (`measure` below, in a savepoint
undone after it) and every page of the scenario is counted in both states; the tests compare.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PersonFactory, UnitFactory
from tests.factories.movements import (
    MovementFactory,
    MovementReviewFactory,
    ProgressEntryFactory,
    RegistrationFactory,
    ReviewHonoureeFactory,
    TargetFactory,
)
from tests.permissions import built_once_per_module, rolled_back, signed_in_client

# The tests only compare the counts; the mark has the test database set up for the module's build.
pytestmark = pytest.mark.django_db
MANY = 60
LIST_URLS = ["/movements/", "/movements/?q=phong+trao&state=running&level=provincial&year=2023", "/movements/?page=2"]
DETAIL_ROLES = ["officer", "unit_officer"]


def queries_for(client, url):
    client.get(url)  # the first request of a session may write the session; measure the steady state
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def measure_lists(cast):
    client = signed_in_client(cast["officer"])
    lead = UnitFactory()
    first = MovementFactory(lead_unit=lead)
    TargetFactory(movement=first)
    RegistrationFactory(movement=first)
    one_row = {url: queries_for(client, url.replace("page=2", "page=1")) for url in LIST_URLS}

    for _ in range(MANY - 1):  # more than two pages of 25
        movement = MovementFactory(lead_unit=lead)
        TargetFactory(movement=movement)
        RegistrationFactory(movement=movement)

    return {url: (one_row[url], queries_for(client, url)) for url in LIST_URLS}


def measure_movement_detail(cast):
    member_unit = cast["member_unit"]
    movement = MovementFactory(lead_unit=member_unit)
    target = TargetFactory(movement=movement)
    ProgressEntryFactory(target=target, unit=UnitFactory())
    RegistrationFactory(movement=movement)
    movement.participants.add(UnitFactory())
    MovementReviewFactory(movement=movement)
    url = f"/movements/{movement.pk}/"
    signed_in_client(cast["officer"]).post(f"/movements/{movement.pk}/state/", {"to": "interim_reviewed"})
    clients = {role: signed_in_client(cast[role]) for role in DETAIL_ROLES}
    one_row = {role: queries_for(client, url) for role, client in clients.items()}

    for index in range(30):
        target = TargetFactory(movement=movement)
        for month in range(1, 5):
            ProgressEntryFactory(target=target, recorded_on=date(2023, month, 1), unit=UnitFactory())
        RegistrationFactory(movement=movement)
        movement.participants.add(UnitFactory())
        review = MovementReviewFactory(movement=movement)
        ReviewHonoureeFactory(review=review)
        movement.name = f"Tên {index}"
        movement.save()

    return {role: (one_row[role], queries_for(client, url)) for role, client in clients.items()}


def measure_review_detail(cast):
    client = signed_in_client(cast["officer"])
    review = MovementReviewFactory()
    ReviewHonoureeFactory(review=review)
    ReviewHonoureeFactory(review=review, unit=None, person=PersonFactory())
    url = f"/movements/reviews/{review.pk}/"
    one_row = queries_for(client, url)

    for _ in range(50):
        ReviewHonoureeFactory(review=review)
        ReviewHonoureeFactory(review=review, unit=None, person=PersonFactory())
        review.summary += "."
        review.save()

    return one_row, queries_for(client, url)


def measure(cast):
    """(queries with 1 row, queries with many rows) of every page, each scenario from the cast alone."""
    counts = {}
    for name, scenario in (
        ("lists", measure_lists),
        ("movement", measure_movement_detail),
        ("review", measure_review_detail),
    ):
        with rolled_back():
            counts[name] = scenario(cast)
    return counts


shared_data = built_once_per_module(measure)


@pytest.mark.parametrize("url", LIST_URLS)
def test_movement_list_query_count_is_constant_with_1_and_many_movements(shared_data, url):
    one_row, many_rows = shared_data.objects["lists"][url]
    assert many_rows == one_row


@pytest.mark.parametrize("role", DETAIL_ROLES)
def test_movement_detail_query_count_is_constant(shared_data, role):
    one_row, many_rows = shared_data.objects["movement"][role]
    # The history resolves the related names it shows with one query per related model, so a
    # longer history can only need the same number of queries or fewer.
    assert many_rows <= one_row


def test_review_detail_query_count_is_constant(shared_data):
    one_row, many_rows = shared_data.objects["review"]
    # At most as many: once the history passes its display limit, older entries' lookups drop out.
    assert many_rows <= one_row
