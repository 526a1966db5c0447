"""A target's percentage, trend and off-track flag, from its recorded values."""

from datetime import date
from decimal import Decimal

import pytest

from movements.domain import MovementError
from movements.domain.progress import expected_percent, percent_of_target, record_progress, target_status
from movements.enums import TargetDirection
from movements.models import Target
from tests.factories.movements import MovementFactory, ProgressEntryFactory, TargetFactory


def test_percent_of_target_when_higher_is_better():
    target = Target(target_value=Decimal(204), direction=TargetDirection.HIGHER)

    assert percent_of_target(target, Decimal(189)) == Decimal("92.65")


def test_percent_of_target_when_lower_is_better_counts_from_the_baseline():
    target = Target(target_value=Decimal("1.0"), baseline_value=Decimal("1.74"), direction=TargetDirection.LOWER)

    assert percent_of_target(target, Decimal("1.32")) == Decimal("56.76")


def test_percent_of_target_when_lower_is_better_without_baseline():
    target = Target(target_value=Decimal("2"), direction=TargetDirection.LOWER)

    assert percent_of_target(target, Decimal("4")) == Decimal("50.00")


def test_expected_percent_is_the_share_of_time_passed():
    assert expected_percent(start=date(2021, 1, 1), deadline=date(2021, 12, 31), on=date(2020, 6, 1)) == 0
    assert expected_percent(start=date(2021, 1, 1), deadline=date(2021, 12, 31), on=date(2022, 6, 1)) == 100


@pytest.mark.django_db
def test_target_status_uses_the_latest_value_and_shows_the_trend():
    target = TargetFactory(target_value=Decimal(25), movement=MovementFactory(starts_on=date(2021, 1, 1)))
    ProgressEntryFactory(target=target, recorded_on=date(2023, 6, 30), value=Decimal("8.82"))
    ProgressEntryFactory(target=target, recorded_on=date(2022, 12, 31), value=Decimal("6.86"))

    status = target_status(target, movement=target.movement, today=date(2023, 7, 1))

    assert status.latest.value == Decimal("8.82")
    assert status.percent == Decimal("35.28")
    assert status.trend == "up"
    assert len(status.chart.points) == 2
    assert "," not in status.chart.target_y


@pytest.mark.django_db
def test_target_behind_the_time_passed_is_off_track():
    movement = MovementFactory(starts_on=date(2021, 1, 1))
    target = TargetFactory(movement=movement, target_value=Decimal(100), deadline=date(2024, 12, 31))
    ProgressEntryFactory(target=target, recorded_on=date(2023, 1, 1), value=Decimal(30))

    behind = target_status(target, movement=movement, today=date(2023, 1, 1))
    early = target_status(target, movement=movement, today=date(2021, 6, 1))

    assert behind.is_off_track is True
    assert early.is_off_track is False


@pytest.mark.django_db
def test_record_progress_refuses_a_future_date(officer):
    target = TargetFactory()

    with pytest.raises(MovementError):
        record_progress(target=target, recorded_on=date(2999, 1, 1), value=1, source="", by=officer)


@pytest.mark.django_db
def test_record_progress_refuses_a_negative_value(officer):
    target = TargetFactory()

    with pytest.raises(MovementError):
        record_progress(target=target, recorded_on=date(2023, 1, 1), value=-1, source="", by=officer)


@pytest.mark.django_db
def test_record_progress_remembers_who_and_which_unit(officer):
    target = TargetFactory()

    entry = record_progress(target=target, recorded_on=date(2023, 1, 1), value=5, source="Báo cáo", by=officer)

    assert entry.recorded_by == officer
    assert entry.unit == officer.unit
