"""A movement's states change only through the workflow functions, which check the current state."""

from datetime import date

import pytest

from movements.domain import MovementClosed, MovementError
from movements.domain.progress import record_progress
from movements.domain.registrations import register_unit
from movements.domain.reviews import add_honouree, record_review
from movements.domain.workflow import change_state, close_movement, launch_movement, next_states
from movements.enums import MovementState, ReviewKind
from tests.factories import UnitFactory
from tests.factories.movements import MovementFactory, MovementReviewFactory, TargetFactory


@pytest.mark.django_db
def test_launch_movement_from_draft_records_who_did_it(officer):
    movement = MovementFactory(state=MovementState.DRAFT)

    launched = launch_movement(movement=movement, by=officer)

    launched.refresh_from_db()
    assert launched.state == MovementState.LAUNCHED
    assert launched.state_changed_by == officer
    assert launched.state_changed_at is not None


@pytest.mark.django_db
def test_launch_movement_without_lead_unit_or_dates_is_refused(officer):
    movement = MovementFactory(state=MovementState.DRAFT, lead_unit=None, starts_on=None)

    with pytest.raises(MovementError, match="đơn vị chủ trì"):
        launch_movement(movement=movement, by=officer)

    movement.refresh_from_db()
    assert movement.state == MovementState.DRAFT


@pytest.mark.django_db
def test_change_state_refuses_to_skip_launch(officer):
    movement = MovementFactory(state=MovementState.DRAFT)

    with pytest.raises(MovementError):
        change_state(movement=movement, to=MovementState.CLOSED, by=officer)


@pytest.mark.django_db
def test_closed_movement_has_no_next_state(officer):
    movement = close_movement(movement=MovementFactory(state=MovementState.RUNNING), by=officer)

    assert next_states(movement) == []
    with pytest.raises(MovementError):
        change_state(movement=movement, to=MovementState.RUNNING, by=officer)


@pytest.mark.django_db
def test_closed_movement_refuses_progress_registration_and_reviews(officer):
    movement = MovementFactory(state=MovementState.CLOSED)
    target = TargetFactory(movement=movement)
    review = MovementReviewFactory(movement=movement)

    with pytest.raises(MovementClosed):
        record_progress(target=target, recorded_on=date(2023, 1, 1), value=5, source="", by=officer)
    with pytest.raises(MovementClosed):
        register_unit(movement=movement, unit=UnitFactory(), commitments="x", aimed_titles="", by=officer)
    with pytest.raises(MovementClosed):
        record_review(movement=movement, kind=ReviewKind.FINAL, held_on=date(2023, 1, 1), summary="", by=officer)
    with pytest.raises(MovementClosed):
        add_honouree(review=review, unit=UnitFactory(), by=officer)


@pytest.mark.django_db
def test_interim_review_of_running_movement_marks_it_interim_reviewed(officer):
    movement = MovementFactory(state=MovementState.RUNNING)

    record_review(movement=movement, kind=ReviewKind.INTERIM, held_on=date(2023, 7, 1), summary="", by=officer)

    movement.refresh_from_db()
    assert movement.state == MovementState.INTERIM_REVIEWED
    assert movement.state_changed_by == officer


@pytest.mark.django_db
def test_review_before_the_movement_starts_is_refused(officer):
    movement = MovementFactory(starts_on=date(2022, 1, 1))

    with pytest.raises(MovementError):
        record_review(movement=movement, kind=ReviewKind.INTERIM, held_on=date(2021, 1, 1), summary="", by=officer)


@pytest.mark.django_db
def test_honouree_needs_exactly_one_of_unit_and_person(officer):
    review = MovementReviewFactory()

    with pytest.raises(MovementError):
        add_honouree(review=review, by=officer)


@pytest.mark.django_db
def test_register_unit_twice_updates_the_registration(officer):
    movement = MovementFactory()
    unit = UnitFactory()

    register_unit(movement=movement, unit=unit, commitments="Lần 1", aimed_titles="", by=officer)
    register_unit(movement=movement, unit=unit, commitments="Lần 2", aimed_titles="", by=officer)

    assert list(movement.registrations.values_list("commitments", flat=True)) == ["Lần 2"]
    assert list(movement.participants.all()) == [unit]


@pytest.mark.django_db
def test_register_unit_on_a_draft_is_refused(officer):
    with pytest.raises(MovementError):
        register_unit(
            movement=MovementFactory(state=MovementState.DRAFT),
            unit=UnitFactory(),
            commitments="x",
            aimed_titles="",
            by=officer,
        )


@pytest.mark.django_db
def test_database_refuses_end_before_start():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        MovementFactory(starts_on=date(2025, 1, 1), ends_on=date(2024, 1, 1))


@pytest.mark.django_db
def test_database_refuses_non_positive_target_value():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        TargetFactory(target_value=0)
