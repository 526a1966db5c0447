"""Working days (the 5-working-day return window) are counted without walking the calendar."""

from datetime import date, timedelta

import pytest

from awards.models.proposal import add_working_days, working_days_between


def walked(start, end):
    """The reference: every day after `start` up to `end`, Monday to Friday."""
    if end < start:
        return -walked(end, start)
    days = ((start + timedelta(days=n)) for n in range(1, (end - start).days + 1))
    return sum(1 for day in days if day.weekday() < 5)


@pytest.mark.parametrize("start", [date(2025, 12, 1) + timedelta(days=n) for n in range(7)])  # every weekday
@pytest.mark.parametrize("length", [0, 1, 4, 5, 6, 7, 12, 30, 365, 3653])
def test_the_count_equals_walking_the_days(start, length):
    end = start + timedelta(days=length)
    assert working_days_between(start, end) == walked(start, end)
    assert working_days_between(end, start) == -walked(start, end)


def test_five_working_days_after_a_friday_end_on_the_next_friday():
    friday = date(2025, 12, 5)
    assert add_working_days(friday, 5) == date(2025, 12, 12)
    assert working_days_between(friday, date(2025, 12, 12)) == 5
