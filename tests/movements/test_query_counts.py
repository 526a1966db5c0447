"""List and detail pages run a constant number of queries whatever the data size."""

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

MANY = 60


def queries_for(client, url):
    client.get(url)  # the first request of a session may write the session; measure the steady state
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/movements/", "/movements/?q=phong+trao&state=running&level=provincial&year=2023", "/movements/?page=2"]
)
def test_movement_list_query_count_is_constant_with_1_and_many_movements(client_as, officer, url):
    client = client_as(officer)
    lead = UnitFactory()
    first = MovementFactory(lead_unit=lead)
    TargetFactory(movement=first)
    RegistrationFactory(movement=first)
    one_row = queries_for(client, url.replace("page=2", "page=1"))

    for _ in range(MANY - 1):  # more than two pages of 25
        movement = MovementFactory(lead_unit=lead)
        TargetFactory(movement=movement)
        RegistrationFactory(movement=movement)

    assert queries_for(client, url) == one_row


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["officer", "unit_officer"])
def test_movement_detail_query_count_is_constant(client_as, cast, member_unit, role):
    client = client_as(cast[role])
    movement = MovementFactory(lead_unit=member_unit)
    target = TargetFactory(movement=movement)
    ProgressEntryFactory(target=target, unit=UnitFactory())
    RegistrationFactory(movement=movement)
    movement.participants.add(UnitFactory())
    MovementReviewFactory(movement=movement)
    url = f"/movements/{movement.pk}/"
    client_as(cast["officer"]).post(f"/movements/{movement.pk}/state/", {"to": "interim_reviewed"})
    client = client_as(cast[role])
    one_row = queries_for(client, url)

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

    # The history resolves the related names it shows with one query per related model, so a
    # longer history can only need the same number of queries or fewer.
    assert queries_for(client, url) <= one_row


@pytest.mark.django_db
def test_review_detail_query_count_is_constant(client_as, officer):
    client = client_as(officer)
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

    # At most as many: once the history passes its display limit, older entries' lookups drop out.
    assert queries_for(client, url) <= one_row
