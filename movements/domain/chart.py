"""The trend chart of one target: an SVG drawn on the server, and the same values as text.

`trend_chart(target, entries)` returns a `Chart` (or None without entries) that the template
`movements/includes/trend_chart.html` draws: points placed by date on the x axis (time, not
index), a dated label under the points (thinned so they never overlap), each value above its
point, the target as a labelled dashed line, and the direction of the last change judged against
the target's direction (rising is good when higher is better, bad when lower is better). The
same values come as rows of a table and a one-sentence summary beside the chart, for readers who
cannot see it.

Coordinates are strings ("12.5"): the template must not localise them ("12,5" is no SVG number).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.numbers import format_number

from ..enums import TargetDirection

WIDTH, HEIGHT = 520, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 40, 24, 40  # room for the first and last labels, centred on their points
MIN_LABEL_GAP = 78  # pixels between two date labels ("31/12/2025" is about 60 wide)
MIN_VALUE_GAP_X, MIN_VALUE_GAP_Y = 40, 14  # a value label is left out when it would touch the next one

# One whole sentence per case: direction of the last change x what is better.
VERDICTS = {
    ("up", TargetDirection.HIGHER): _("Rising: good, higher is better for this target."),
    ("up", TargetDirection.LOWER): _("Rising: bad, lower is better for this target."),
    ("down", TargetDirection.HIGHER): _("Falling: bad, higher is better for this target."),
    ("down", TargetDirection.LOWER): _("Falling: good, lower is better for this target."),
    ("flat", TargetDirection.HIGHER): _("Unchanged since the previous value."),
    ("flat", TargetDirection.LOWER): _("Unchanged since the previous value."),
}


def _coordinate(number):
    return f"{float(number):.1f}"


def shown_date(day):
    return date_format(day, "SHORT_DATE_FORMAT")


@dataclass
class Point:
    entry: object
    x: str
    y: str
    date_label: str
    value_label: str
    label_x: str = ""  # set when this point's date is labelled on the axis
    show_value: bool = False  # its value is written above it (the table and tooltip always have it)


@dataclass
class Chart:
    width: str
    height: str
    points: list
    polyline: str
    axis_y: str
    axis_left: str
    axis_right: str
    target_y: str
    target_label: str
    trend: str  # "up", "down", "flat" or "" (one value)
    verdict: str  # "good", "bad" or "" (flat or one value)
    verdict_text: str
    summary: str
    labels: list = field(default_factory=list)

    @property
    def labelled_points(self):
        return [point for point in self.points if point.label_x]


def trend_of(entries):
    """The direction of the last change: "up", "down", "flat", or "" with fewer than two values."""
    if len(entries) < 2:
        return ""
    before, after = Decimal(entries[-2].value), Decimal(entries[-1].value)
    return "up" if after > before else "down" if after < before else "flat"


def verdict_of(trend, direction):
    if trend in ("", "flat"):
        return ""
    good = (trend == "up") == (direction == TargetDirection.HIGHER)
    return "good" if good else "bad"


def _label_dates(points):
    """Label the first and last dates, and those in between that leave room on both sides."""
    if not points:
        return
    chosen = [points[0]]
    for point in points[1:]:
        if float(point.x) - float(chosen[-1].x) >= MIN_LABEL_GAP:
            chosen.append(point)
    last = points[-1]
    if chosen[-1] is not last:
        if len(chosen) > 1 and float(last.x) - float(chosen[-1].x) < MIN_LABEL_GAP:
            chosen.pop()
        chosen.append(last)
    for point in chosen:
        point.label_x = point.x


def _label_values(points):
    """Write the last value, and each earlier one that does not touch the next value written."""
    shown = None
    for point in reversed(points):
        if shown is None or (
            float(shown.x) - float(point.x) >= MIN_VALUE_GAP_X
            or abs(float(shown.y) - float(point.y)) >= MIN_VALUE_GAP_Y
        ):
            point.show_value = True
            shown = point


def trend_chart(target, entries):
    """The chart of `entries` (a target's progress, withdrawn ones left out, oldest first)."""
    entries = sorted(entries, key=lambda entry: (entry.recorded_on, entry.pk or 0))
    if not entries:
        return None
    target_value = Decimal(target.target_value)
    values = [Decimal(entry.value) for entry in entries]
    top = max([*values, target_value])
    bottom = min([*values, target_value, Decimal(0)])
    span = (top - bottom) or Decimal(1)
    inner_w = WIDTH - LEFT - RIGHT
    inner_h = HEIGHT - TOP - BOTTOM

    def y_of(value):
        return TOP + inner_h - (Decimal(value) - bottom) / span * inner_h

    first_day, last_day = entries[0].recorded_on, entries[-1].recorded_on
    days = (last_day - first_day).days

    def x_of(day):
        if days == 0:
            return LEFT + inner_w / 2
        return LEFT + inner_w * (day - first_day).days / days

    points = [
        Point(
            entry=entry,
            x=_coordinate(x_of(entry.recorded_on)),
            y=_coordinate(y_of(entry.value)),
            date_label=shown_date(entry.recorded_on),
            value_label=format_number(entry.value),
        )
        for entry in entries
    ]
    _label_dates(points)
    _label_values(points)
    trend = trend_of(entries)
    verdict = verdict_of(trend, target.direction)
    unit = target.unit_of_measure
    summary = _(
        "{count} values from {first_value} {unit} on {first_date} to {last_value} {unit} on {last_date}; "
        "the target is {target} {unit} by {deadline}."
    ).format(
        count=len(entries),
        first_value=format_number(entries[0].value),
        first_date=shown_date(first_day),
        last_value=format_number(entries[-1].value),
        last_date=shown_date(last_day),
        unit=unit,
        target=format_number(target_value),
        deadline=shown_date(target.deadline),
    )
    return Chart(
        width=str(WIDTH),
        height=str(HEIGHT),
        points=points,
        polyline=" ".join(f"{point.x},{point.y}" for point in points),
        axis_y=_coordinate(TOP + inner_h),
        axis_left=str(LEFT),
        axis_right=str(WIDTH - RIGHT),
        target_y=_coordinate(y_of(target_value)),
        target_label=_("Target: {value} {unit}").format(value=format_number(target_value), unit=unit),
        trend=trend,
        verdict=verdict,
        verdict_text=VERDICTS[(trend, TargetDirection(target.direction))] if trend else "",
        summary=summary,
    )
