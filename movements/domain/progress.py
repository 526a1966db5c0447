"""Targets and progress: the latest value, its share of the target, the trend, off-track flags."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import because
from portal.dates import check_within
from portal.numbers import NumberError, bounds_of, parse_number

from ..enums import TargetDirection
from ..models import Movement, ProgressEntry
from . import MovementError, ensure_open, required_reason
from .chart import trend_chart, trend_of, verdict_of

BEFORE_START = _("A progress value cannot be dated {value}: the movement starts on {start}.")
AFTER_END = _("A progress value cannot be dated {value}: the movement ended on {end}.")

HUNDRED = Decimal(100)


def percent_of_target(target, value):
    """How far `value` has come towards the target, in percent (not capped: 120 means beyond it).

    Higher is better: value / target. Lower is better: the share of the way from the baseline down
    to the target (without a baseline, target / value).
    """
    if value is None:
        return None
    value = Decimal(value)
    target_value = Decimal(target.target_value)
    if target.direction == TargetDirection.LOWER:
        baseline = target.baseline_value
        if baseline is not None and baseline > target_value:
            share = (Decimal(baseline) - value) / (Decimal(baseline) - target_value) * HUNDRED
        elif value > 0:
            share = target_value / value * HUNDRED
        else:
            share = HUNDRED
    else:
        share = value / target_value * HUNDRED
    return max(share, Decimal(0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def expected_percent(*, start, deadline, on):
    """The share of the time from `start` to `deadline` that has passed `on` that day, in percent."""
    if start is None or deadline <= start:
        return HUNDRED if on >= deadline else Decimal(0)
    elapsed = (min(max(on, start), deadline) - start).days
    return (Decimal(elapsed) / Decimal((deadline - start).days) * HUNDRED).quantize(Decimal("0.01"))


@dataclass
class TargetStatus:
    target: object
    entries: list  # the values that count (withdrawn ones left out), oldest first
    withdrawn: list = field(default_factory=list)
    latest: object = None
    percent: Decimal | None = None
    expected: Decimal | None = None
    is_off_track: bool = False
    trend: str = ""  # "up", "down" or "flat": the change between the last two values
    verdict: str = ""  # "good" or "bad": that change judged against the target's direction
    chart: object = None

    @property
    def bar_width(self):
        return min(self.percent or 0, HUNDRED)


def target_status(target, *, movement, today=None):
    """Everything the movement page shows for one target; uses the prefetched `target.progress`.

    Withdrawn entries are listed apart (`withdrawn`) and count for nothing: not the latest value,
    not the percentage, not the chart.
    """
    today = today or timezone.localdate()
    every = sorted(target.progress.all(), key=lambda entry: (entry.recorded_on, entry.pk))
    entries = [entry for entry in every if entry.withdrawn_at is None]
    status = TargetStatus(target=target, entries=entries, withdrawn=[e for e in every if e.withdrawn_at])
    status.expected = expected_percent(start=movement.starts_on, deadline=target.deadline, on=today)
    if entries:
        status.latest = entries[-1]
        status.percent = percent_of_target(target, status.latest.value)
        status.is_off_track = status.percent < min(status.expected, HUNDRED)
        status.trend = trend_of(entries)
        status.verdict = verdict_of(status.trend, target.direction)
        status.chart = trend_chart(target, entries)
    else:
        # Nothing reported while time runs out is off track too.
        status.is_off_track = status.expected > 0
    return status


def statuses_for(movement, targets, *, today=None):
    return [target_status(target, movement=movement, today=today) for target in targets]


def progress_date_problem(movement, day):
    """Why `day` cannot date a progress value of `movement` (one sentence), or None.

    A value is dated within the movement's period (not before its start, not after its end) and
    never in the future.
    """
    from django.core.exceptions import ValidationError

    if day is None:
        return None
    try:
        check_within(day, movement.starts_on, None, BEFORE_START)
        check_within(day, None, movement.ends_on, AFTER_END)
    except ValidationError as error:
        return error.messages[0]
    if day > timezone.localdate():
        return _("Progress cannot be recorded for a future date.")
    return None


def _checked_value(value):
    try:
        value = parse_number(value, **bounds_of(ProgressEntry._meta.get_field("value")))
    except NumberError as error:
        raise MovementError(error.message) from None
    if value is None or value < 0:
        raise MovementError(_("A progress value cannot be negative."))
    return value


def _checked_date(movement, day):
    problem = progress_date_problem(movement, day)
    if problem:
        raise MovementError(problem)
    return day


@transaction.atomic
def record_progress(*, target, recorded_on, value, source, by, unit=None):
    """Record the value of `target`'s indicator on `recorded_on`.

    Side effects: locks the movement row (so a concurrent close wins or waits), creates a
    ProgressEntry recorded by `by`. `value` is a number or text as typed, read by
    `portal.numbers.parse_number` within the bounds of ProgressEntry.value. Raises MovementClosed on
    a closed movement and MovementError on a date outside the movement's period or in the future,
    a negative value or one the column cannot store.
    """
    movement = Movement.objects.select_for_update().get(pk=target.movement_id)
    ensure_open(movement)
    value = _checked_value(value)
    _checked_date(movement, recorded_on)
    return ProgressEntry.objects.create(
        target=target,
        recorded_on=recorded_on,
        value=value,
        source=source,
        unit=unit if unit is not None else getattr(by, "unit", None),
        recorded_by=by,
    )


def _locked_entry(entry):
    """The entry and its movement, both locked; refuses a closed movement or a withdrawn entry."""
    movement = Movement.objects.select_for_update().get(pk=entry.target.movement_id)
    ensure_open(movement)
    entry = ProgressEntry.objects.select_for_update().select_related("target").get(pk=entry.pk)
    if entry.withdrawn_at is not None:
        raise MovementError(_("This progress value has been withdrawn: it can no longer be changed."))
    return movement, entry


@transaction.atomic
def correct_progress(*, entry, recorded_on, value, source, reason, by):
    """Correct a progress value (its date, value or source), saying why.

    Side effects: locks the movement and the entry, saves the entry inside
    `portal.audit.because(reason)` (the history shows the before, the after and the reason); the
    chart and the percentages follow. Raises MovementError without a reason, on a withdrawn entry,
    and on what `record_progress` refuses; MovementClosed on a closed movement.
    """
    reason = required_reason(reason)
    movement, entry = _locked_entry(entry)
    entry.value = _checked_value(value)
    entry.recorded_on = _checked_date(movement, recorded_on)
    entry.source = source
    with because(reason):
        entry.save(update_fields=["value", "recorded_on", "source", "updated_at"])
    return entry


@transaction.atomic
def withdraw_progress(*, entry, reason, by):
    """Withdraw a wrong progress value: it is kept (and shown in the history) but counts no more.

    Side effects: locks the movement and the entry, sets `withdrawn_at`, `withdrawn_by` and
    `withdrawal_reason` inside `portal.audit.because(reason)`. The chart, the latest value and the
    percentages leave it out from then on. Raises MovementError without a reason or on an entry
    already withdrawn; MovementClosed on a closed movement.
    """
    reason = required_reason(reason)
    _movement, entry = _locked_entry(entry)
    entry.withdrawn_at = timezone.now()
    entry.withdrawn_by = by
    entry.withdrawal_reason = reason
    with because(reason):
        entry.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason", "updated_at"])
    return entry
