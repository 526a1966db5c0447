"""Charts drawn on the server as inline SVG: horizontal (stacked) bars and lines over years.

`bar_chart(rows, ...)` and `line_chart(series, ...)` turn figures into plain data (every coordinate
worked out once, as a string: "12.5", never localised "12,5", which is no SVG number); the templates
`portal/includes/chart_bars.html` and `portal/includes/chart_lines.html` only print it, with a
<title> tooltip on every mark, `role="img"` and an `aria-label`, and a table of the same numbers
beside the chart (each number a link to the records it counts when the row gives one). No
JavaScript, no CDN, no package.

Zero and empty data draw nothing and never divide by zero; negative values are drawn as zero (a
bar has no negative length) but shown as they are in the table and the tooltip.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import Truncator

from .numbers import format_number

# Colours of the series, in order (the portal's blue first); a series past the last takes them again.
PALETTE = ("#2f6db5", "#e07b39", "#3a9d5d", "#b8455a", "#7b5ea7", "#c9a227", "#4aa6b5", "#8c8c8c")


def _coordinate(number):
    return f"{float(number):.1f}"


def _positive(value):
    value = Decimal(value or 0) if not isinstance(value, Decimal) else value
    return value if value > 0 else Decimal(0)


@dataclass(frozen=True)
class BarRow:
    """One bar to draw: its label, one value per series (stacked), and where each number links."""

    label: str
    values: tuple
    link: str = ""  # the records the row's total counts
    links: tuple = ()  # per series: the records each value counts ("" for none)


@dataclass(frozen=True)
class Segment:
    series: str
    value: object
    shown: str
    x: str
    width: str
    colour: str
    link: str


@dataclass(frozen=True)
class Bar:
    label: str
    name: str  # the label cut to fit
    y: str
    segments: tuple
    total: object
    shown: str
    end: str  # x where the bar ends: its total is written after it
    link: str
    cells: tuple  # (shown, link) per series, for the table


@dataclass(frozen=True)
class BarChart:
    title: str
    series: tuple  # ((label, colour), ...): the legend
    bars: tuple
    width: int
    height: int
    label_width: int
    stacked: bool
    caption: str = ""


def bar_chart(
    rows,
    *,
    title,
    series=(),
    width=1000,
    label_width=300,
    bar_space=600,
    row_height=28,
    label_chars=34,
    caption="",
):
    """A horizontal bar chart: one bar per `BarRow`, stacked when it has several values.

    The longest bar (the largest total) is `bar_space` wide and the others in proportion; with no
    positive total every bar has width 0. `series` names the values of each row (the legend and the
    table's columns; a single unnamed value when empty). Returns a `BarChart`."""
    rows = list(rows)
    names = tuple(series) or ("",)
    totals = [sum((_positive(value) for value in row.values), Decimal(0)) for row in rows]
    largest = max(totals, default=Decimal(0))
    scale = Decimal(bar_space) / largest if largest > 0 else Decimal(0)
    bars = []
    for index, row in enumerate(rows):
        segments, x = [], Decimal(label_width)
        links = tuple(row.links) + ("",) * (len(names) - len(row.links))
        for position, (name, value) in enumerate(zip(names, row.values, strict=False)):
            length = _positive(value) * scale
            if length > 0:
                segments.append(
                    Segment(
                        series=name,
                        value=value,
                        shown=format_number(value),
                        x=_coordinate(x),
                        width=_coordinate(length),
                        colour=PALETTE[position % len(PALETTE)],
                        link=links[position],
                    )
                )
            x += length
        raw_total = sum((Decimal(value or 0) for value in row.values), Decimal(0))
        bars.append(
            Bar(
                label=row.label,
                name=Truncator(row.label).chars(label_chars),
                y=str(row_height * index),
                segments=tuple(segments),
                total=raw_total,
                shown=format_number(raw_total),
                end=_coordinate(x + 6),
                link=row.link,
                cells=tuple(
                    (format_number(value), links[position]) for position, value in enumerate(row.values[: len(names)])
                ),
            )
        )
    return BarChart(
        title=title,
        series=tuple((name, PALETTE[index % len(PALETTE)]) for index, name in enumerate(names) if name),
        bars=tuple(bars),
        width=width,
        height=row_height * len(bars) + 10,
        label_width=label_width,
        stacked=len(names) > 1,
        caption=caption,
    )


@dataclass(frozen=True)
class LineSeries:
    """One line: its label and {x: value} (an x without a value leaves a gap), links by x."""

    label: str
    values: dict
    links: dict = field(default_factory=dict)


@dataclass(frozen=True)
class LinePoint:
    x: str
    y: str
    value: object
    shown: str
    label: str  # the x label ("2024")
    link: str


@dataclass(frozen=True)
class Line:
    label: str
    colour: str
    path: str  # "M x y L x y ...", a new "M" after a gap
    points: tuple
    cells: tuple  # (shown, link) per x of the chart, "" where there is no value


@dataclass(frozen=True)
class Tick:
    position: str
    label: str


@dataclass(frozen=True)
class LineChart:
    title: str
    lines: tuple
    x_ticks: tuple
    y_ticks: tuple
    width: int
    height: int
    left: int
    top: int
    plot_width: int
    plot_height: int
    inverted: bool
    caption: str = ""


def line_chart(
    series,
    *,
    title,
    xs,
    inverted=False,
    width=640,
    height=260,
    left=48,
    right=24,
    top=16,
    bottom=32,
    caption="",
):
    """Lines over `xs` (years, in order), one per `LineSeries`, with the y axis from the smallest to
    the largest value (from 1 at the top down to the largest when `inverted`: ranks, 1 is best).

    One x (or equal values) puts every point on one level without dividing by zero. Returns a
    `LineChart`."""
    xs = list(xs)
    series = list(series)
    plot_width, plot_height = width - left - right, height - top - bottom
    values = [Decimal(value) for one in series for value in one.values.values() if value is not None]
    low = min(values, default=Decimal(0))
    high = max(values, default=Decimal(0))
    if inverted:
        low = min(low, Decimal(1))
    spread = high - low

    def x_of(index):
        if len(xs) <= 1:
            return Decimal(left) + Decimal(plot_width) / 2
        return Decimal(left) + Decimal(plot_width) * index / (len(xs) - 1)

    def y_of(value):
        # One level (a single value, or all equal): the middle of the plot.
        share = Decimal("0.5") if spread == 0 else (Decimal(value) - low) / spread
        if not inverted:
            share = 1 - share
        return Decimal(top) + Decimal(plot_height) * share

    lines = []
    for number, one in enumerate(series):
        points, parts, cells, pen_down = [], [], [], False
        for index, x in enumerate(xs):
            value = one.values.get(x)
            link = one.links.get(x, "")
            if value is None:
                pen_down = False
                cells.append(("", ""))
                continue
            px, py = _coordinate(x_of(index)), _coordinate(y_of(value))
            parts.append(f"{'L' if pen_down else 'M'} {px} {py}")
            pen_down = True
            shown = format_number(value)
            points.append(LinePoint(x=px, y=py, value=value, shown=shown, label=str(x), link=link))
            cells.append((shown, link))
        lines.append(
            Line(
                label=one.label,
                colour=PALETTE[number % len(PALETTE)],
                path=" ".join(parts),
                points=tuple(points),
                cells=tuple(cells),
            )
        )
    if values:
        levels = sorted({low, high}) if spread else [low]
        if spread and spread > 1:
            middle = (low + high) / 2
            middle = (
                middle.to_integral_value() if all(value == value.to_integral_value() for value in values) else middle
            )
            if low < middle < high:
                levels = [low, middle, high]
        y_ticks = tuple(Tick(position=_coordinate(y_of(level)), label=format_number(level)) for level in levels)
    else:
        y_ticks = ()
    return LineChart(
        title=title,
        lines=tuple(lines),
        x_ticks=tuple(Tick(position=_coordinate(x_of(index)), label=str(x)) for index, x in enumerate(xs)),
        y_ticks=y_ticks,
        width=width,
        height=height,
        left=left,
        top=top,
        plot_width=plot_width,
        plot_height=plot_height,
        inverted=inverted,
        caption=caption,
    )
