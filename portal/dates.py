"""Plausible dates and years: the one check of "is this date sane", and of "is it inside its period".

Every date and year a user types is refused, with a Vietnamese message, when it lies before
`EARLIEST` (1945, the first emulation movement) or more than `YEARS_AHEAD` years after today.
Model forms deriving from `portal.forms.ModelForm` get the check on every date column and every
year column (a number column named `year` or ending in `_year`) without writing anything;
other forms use `PlausibleDateField` / `plausible_year_bounds()`.

A date that belongs to a period (a progress entry within its movement, a deadline before the
end) is checked with `check_within(value, start, end, message)` in the form's or the domain's
`clean`, with a message saying which period.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

EARLIEST = date(1945, 1, 1)
YEARS_AHEAD = 10


def today():
    return timezone.localdate()


def latest():
    """The last plausible date: the same day `YEARS_AHEAD` years from today."""
    now = today()
    try:
        return now.replace(year=now.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return now.replace(year=now.year + YEARS_AHEAD, day=28)


def plausible_year_bounds():
    """(lowest, highest) year a user may type."""
    return EARLIEST.year, today().year + YEARS_AHEAD


def shown(value):
    return date_format(value, "SHORT_DATE_FORMAT")


def validate_plausible_date(value):
    """A form/model validator: refuses dates before 01/01/1945 or more than ten years ahead."""
    if value is None:
        return
    if hasattr(value, "date") and callable(value.date):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if value < EARLIEST or value > latest():
        raise ValidationError(
            _("The date {value} is not plausible: enter a date between {earliest} and {latest}.").format(
                value=shown(value), earliest=shown(EARLIEST), latest=shown(latest())
            ),
            code="implausible_date",
        )


def validate_plausible_year(value):
    if value is None:
        return
    low, high = plausible_year_bounds()
    if not low <= int(value) <= high:
        raise ValidationError(
            _("The year {value} is not plausible: enter a year from {low} to {high}.").format(
                value=value, low=low, high=high
            ),
            code="implausible_year",
        )


def check_within(value, start, end, message):
    """Raise ValidationError(`message`) when `value` lies outside [start, end] (either may be None).

    `message` is one whole sentence with the placeholders {value}, {start} and {end} (dd/mm/yyyy).
    """
    if value is None:
        return
    if (start is not None and value < start) or (end is not None and value > end):
        raise ValidationError(
            str(message).format(
                value=shown(value),
                start=shown(start) if start else "—",
                end=shown(end) if end else "—",
            ),
            code="outside_period",
        )


def is_year_field(db_field):
    return db_field.name == "year" or db_field.name.endswith("_year")


def official_date(day):
    """The date line of an official document (Decree 30/2020/NĐ-CP, Appendix I): "ngày 05 tháng 01
    năm 2023", "ngày 15 tháng 7 năm 2023": a day below 10 and the months 1 and 2 take a leading zero,
    the year is never grouped. Always Vietnamese: the documents are, whatever the reader's language."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"
