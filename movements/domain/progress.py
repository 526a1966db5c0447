"""Targets and progress: the latest value, its share of the target, the trend, off-track flags."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.numbers import NumberError, bounds_of, parse_number

from ..enums import TargetDirection
from ..models import Movement, ProgressEntry
from . import MovementError, ensure_open

HUNDRED = Decimal(100)
CHART_WIDTH, CHART_HEIGHT, CHART_PADDING = 180, 52, 6


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
    entries: list
    latest: object = None
    percent: Decimal | None = None
    expected: Decimal | None = None
    is_off_track: bool = False
    trend: str = ""  # "up", "down" or "flat": the change between the last two values
    chart: dict = field(default_factory=dict)

    @property
    def bar_width(self):
        return min(self.percent or 0, HUNDRED)


def _chart(target, entries):
    """Coordinates of a small line chart (inline SVG) of the values, with the target as a line."""
    if not entries:
        return {}
    values = [Decimal(entry.value) for entry in entries]
    top = max([*values, Decimal(target.target_value)])
    bottom = min([*values, Decimal(target.target_value), Decimal(0)])
    span = (top - bottom) or Decimal(1)
    inner_w = CHART_WIDTH - 2 * CHART_PADDING
    inner_h = CHART_HEIGHT - 2 * CHART_PADDING

    def y_of(value):
        return float(CHART_PADDING + inner_h - (Decimal(value) - bottom) / span * inner_h)

    count = len(values)
    points = []
    for index, value in enumerate(values):
        x = CHART_PADDING + (inner_w * index / (count - 1) if count > 1 else inner_w / 2)
        points.append((f"{x:.1f}", f"{y_of(value):.1f}"))
    # Coordinates are strings so that the template does not localise them ("6,0" is no SVG number).
    return {
        "width": str(CHART_WIDTH),
        "height": str(CHART_HEIGHT),
        "points": " ".join(f"{x},{y}" for x, y in points),
        "dots": points,
        "target_y": f"{y_of(target.target_value):.1f}",
        "left": str(CHART_PADDING),
        "right": str(CHART_WIDTH - CHART_PADDING),
    }


def target_status(target, *, movement, today=None):
    """Everything the movement page shows for one target; uses the prefetched `target.progress`."""
    today = today or timezone.localdate()
    entries = sorted(target.progress.all(), key=lambda entry: (entry.recorded_on, entry.pk))
    status = TargetStatus(target=target, entries=entries)
    status.expected = expected_percent(start=movement.starts_on, deadline=target.deadline, on=today)
    if entries:
        status.latest = entries[-1]
        status.percent = percent_of_target(target, status.latest.value)
        status.is_off_track = status.percent < min(status.expected, HUNDRED)
        if len(entries) > 1:
            before, after = entries[-2].value, entries[-1].value
            status.trend = "up" if after > before else "down" if after < before else "flat"
        status.chart = _chart(target, entries)
    else:
        # Nothing reported while time runs out is off track too.
        status.is_off_track = status.expected > 0
    return status


def statuses_for(movement, targets, *, today=None):
    return [target_status(target, movement=movement, today=today) for target in targets]


@transaction.atomic
def record_progress(*, target, recorded_on, value, source, by, unit=None):
    """Record the value of `target`'s indicator on `recorded_on`.

    Side effects: locks the movement row (so a concurrent close wins or waits), creates a
    ProgressEntry recorded by `by`. `value` is a number or text as typed, read by
    `portal.numbers.parse_number` within the bounds of ProgressEntry.value. Raises MovementClosed on
    a closed movement and MovementError on a future date, a negative value or one the column
    cannot store.
    """
    movement = Movement.objects.select_for_update().get(pk=target.movement_id)
    ensure_open(movement)
    try:
        value = parse_number(value, **bounds_of(ProgressEntry._meta.get_field("value")))
    except NumberError as error:
        raise MovementError(error.message) from None
    if value is None or value < 0:
        raise MovementError(_("A progress value cannot be negative."))
    if recorded_on > timezone.localdate():
        raise MovementError(_("Progress cannot be recorded for a future date."))
    return ProgressEntry.objects.create(
        target=target,
        recorded_on=recorded_on,
        value=value,
        source=source,
        unit=unit if unit is not None else getattr(by, "unit", None),
        recorded_by=by,
    )
