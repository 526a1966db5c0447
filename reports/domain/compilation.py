"""Compiling a cluster's figures from its members' submitted reports."""

from dataclasses import dataclass, field
from decimal import Decimal

from clusters.models import TermMember

from ..enums import Aggregation, Period, ReportStatus
from ..models import Indicator, IndicatorValue, MemberReport

TOP_COUNT = 5
TWO_PLACES = Decimal("0.01")


@dataclass
class MemberFigure:
    unit: object
    value: Decimal


@dataclass
class IndicatorSummary:
    indicator: Indicator
    aggregate: Decimal | None
    reported: int
    reaching: int | None
    top: list = field(default_factory=list)
    by_unit: dict = field(default_factory=dict)

    @property
    def aggregate_is_count(self):
        return self.indicator.aggregation == Aggregation.COUNT_ABOVE


@dataclass
class Compilation:
    term: object
    period: str
    members: list
    submitted: list
    missing: list
    indicators: list

    @property
    def period_label(self):
        return Period(self.period).label

    @property
    def member_count(self):
        return len(self.members)


def _reaches(indicator, value):
    if indicator.threshold is None:
        return False
    return value >= indicator.threshold if indicator.higher_is_better else value <= indicator.threshold


def _aggregate(indicator, values):
    if not values:
        return None
    match indicator.aggregation:
        case Aggregation.AVERAGE:
            return (sum(values) / len(values)).quantize(TWO_PLACES)
        case Aggregation.SUM:
            return sum(values)
        case Aggregation.MIN:
            return min(values)
        case Aggregation.MAX:
            return max(values)
        case Aggregation.COUNT_ABOVE:
            return Decimal(sum(1 for value in values if _reaches(indicator, value)))
    return None


def summarise_indicator(indicator, figures):
    """Aggregate, members reaching the threshold and best members for one indicator.

    `figures` is a list of MemberFigure. For averages, the best members are those better than the
    average (as the conference reports name them), at most TOP_COUNT.
    """
    values = [figure.value for figure in figures]
    aggregate = _aggregate(indicator, values)
    ordered = sorted(figures, key=lambda figure: figure.value, reverse=indicator.higher_is_better)
    if indicator.aggregation == Aggregation.AVERAGE and aggregate is not None:
        better = (lambda v: v > aggregate) if indicator.higher_is_better else (lambda v: v < aggregate)
        ordered = [figure for figure in ordered if better(figure.value)]
    reaching = sum(1 for value in values if _reaches(indicator, value)) if indicator.threshold is not None else None
    return IndicatorSummary(
        indicator=indicator,
        aggregate=aggregate,
        reported=len(values),
        reaching=reaching,
        top=ordered[:TOP_COUNT],
        by_unit={figure.unit.pk: figure.value for figure in figures},
    )


def compile_figures(*, term, period):
    """The cluster's figures for a period from the submitted member reports. Reads only.

    Runs a fixed number of queries whatever the number of members or indicators.
    """
    members = [membership.unit for membership in TermMember.objects.filter(term=term).select_related("unit")]
    members.sort(key=lambda unit: unit.search_text)
    reports = list(
        MemberReport.objects.filter(term=term, period=period, status=ReportStatus.SUBMITTED).select_related("unit")
    )
    reports.sort(key=lambda report: report.unit.search_text)
    reported_units = {report.unit_id for report in reports}
    units_by_report = {report.pk: report.unit for report in reports}
    figures = {}
    for value in IndicatorValue.objects.filter(report__in=[report.pk for report in reports]).only(
        "report_id", "indicator_id", "value"
    ):
        figures.setdefault(value.indicator_id, []).append(MemberFigure(units_by_report[value.report_id], value.value))
    indicators = [
        summarise_indicator(indicator, figures[indicator.pk])
        for indicator in Indicator.objects.filter(pk__in=list(figures))
    ]
    return Compilation(
        term=term,
        period=period,
        members=members,
        submitted=reports,
        missing=[unit for unit in members if unit.pk not in reported_units],
        indicators=indicators,
    )
