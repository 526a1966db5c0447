"""The ranking: a pure function of the stored scores of accepted sheets, exact and explained.

Totals are exact and computed in one query whatever the size: the database sums each score's
points as whole hundredths (`CAST(ROUND(points * 100) AS integer)`: points are stored with two
decimals, so this integer is exact), per sheet, for the total, the first group and the deductions,
and Python turns each integer sum back into a `Decimal` with two decimals. A plain database sum of
the decimal column is never used: SQLite sums decimal columns as floats (0.09 + 60.34 gives
60.43000000000001), which would order exact ties by noise and differ from PostgreSQL; integer sums
are exact on both, so one path serves both databases.

Order: total points, highest first. Members with equal totals share a rank ("đồng hạng": 1, 2, 2,
4) and are then ordered by the term's `tie_break`. The default
(`TieBreak.FIRST_GROUP_THEN_DEDUCTIONS`) puts first the member with more points in the first
criterion group (the top-level group with the lowest position, its sub-groups included), then the
one with fewer deduction points; `DEDUCTIONS_THEN_FIRST_GROUP` the reverse; then the unit's name
(folded, so "Đ" sorts as "D"), then its id, so the same data always gives the same order, on SQLite
and PostgreSQL alike (names are compared in Python, not by the database's collation). Each row says
which step put it before the next one (`RankRow.separated_by`).

Members the officer excluded (`TermMember.excluded_reason`) are not ranked; `excluded_members`
lists them with the reason.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import F, IntegerField, Q, Subquery, Sum
from django.db.models.functions import Cast, Coalesce, Round
from django.utils.translation import gettext_lazy as _

from portal.text import fold

from ..enums import CriterionKind, SheetStatus, TieBreak
from ..models import CriterionGroup, Score, Sheet, TermMember


class Step(models.TextChoices):
    """What put a member before the next one in the ranking."""

    TOTAL = "total", _("Higher total")
    FIRST_GROUP = "first_group", _("More points in the first criterion group")
    DEDUCTIONS = "deductions", _("Fewer deduction points")
    NAME = "name", _("By the unit's name")


@dataclass
class RankRow:
    rank: int  # equal totals share a rank (1, 2, 2, 4)
    position: int  # 1, 2, 3, 4: the order after the tie-breaks
    sheet: Sheet
    unit: object
    total: Decimal
    first_group: Decimal
    deductions: Decimal  # shown positive: the points taken away
    tied: bool = False  # another member has the same total ("đồng hạng")
    separated_by: str = ""  # a Step: why this member comes before the next one ("" for the last)
    bar: float = 0.0

    @property
    def separated_by_label(self):
        return Step(self.separated_by).label if self.separated_by else ""


def _excluded_units(term):
    return TermMember.objects.filter(term_id=term.pk).exclude(excluded_reason="").values("unit_id")


def _ranked_sheets_queryset(term):
    return Sheet.objects.filter(term_id=term.pk, status=SheetStatus.ACCEPTED).exclude(unit_id__in=_excluded_units(term))


def _sort_key(term, sheet):
    first, deductions = -sheet.first_group_points, -sheet.deduction_points  # deductions are stored negative
    steps = (first, deductions) if term.tie_break != TieBreak.DEDUCTIONS_THEN_FIRST_GROUP else (deductions, first)
    return (-sheet.total, *steps, fold(sheet.unit.name), sheet.unit.name, sheet.unit_id)


def _steps(term):
    if term.tie_break == TieBreak.DEDUCTIONS_THEN_FIRST_GROUP:
        return (Step.TOTAL, Step.DEDUCTIONS, Step.FIRST_GROUP, Step.NAME, Step.NAME, Step.NAME)
    return (Step.TOTAL, Step.FIRST_GROUP, Step.DEDUCTIONS, Step.NAME, Step.NAME, Step.NAME)


def _hundredths(condition=None):
    """The exact sum of the sheet's scores' points (those matching `condition`), in hundredths."""
    points = Cast(Round(F("scores__points") * 100), output_field=IntegerField())
    return Coalesce(Sum(points, filter=condition), 0)


def _from_hundredths(value):
    return Decimal(int(value)).scaleb(-2)  # 9636 -> Decimal("96.36"), 0 -> Decimal("0.00")


def sheet_totals(sheet_ids):
    """{sheet id: exact total points after review (a Decimal)} for the given sheets that have scores
    (one query; the same integer-hundredths sum as the ranking, so the queue and the ranking agree)."""
    points = Cast(Round(F("points") * 100), output_field=IntegerField())
    rows = (
        Score.objects.filter(sheet_id__in=sheet_ids)
        .values("sheet_id")
        .annotate(hundredths=Sum(points))
        .order_by()
        .values_list("sheet_id", "hundredths")
    )
    return {sheet_id: _from_hundredths(hundredths) for sheet_id, hundredths in rows}


def ranked_sheets(*, term):
    """The accepted, not excluded sheets of the term, best first (a list, one query).

    Each sheet has `unit` loaded and carries `total`, `first_group_points` and `deduction_points`
    (negative or zero), exact Decimals. `ranked_sheets(term=term)[:n]` are the n best-ranked.
    """
    first_group = (
        CriterionGroup.objects.filter(term_id=term.pk, parent__isnull=True).order_by("position", "pk").values("pk")[:1]
    )
    first_group_id = Subquery(first_group, output_field=IntegerField())
    in_first_group = Q(scores__criterion__group_id=first_group_id) | Q(
        scores__criterion__group__parent_id=first_group_id
    )
    sheets = list(
        _ranked_sheets_queryset(term)
        .select_related("unit")
        .annotate(
            total_hundredths=_hundredths(),
            first_group_hundredths=_hundredths(in_first_group),
            deduction_hundredths=_hundredths(Q(scores__criterion__kind=CriterionKind.DEDUCTION)),
        )
        .order_by()
    )
    for sheet in sheets:
        sheet.total = _from_hundredths(sheet.total_hundredths)
        sheet.first_group_points = _from_hundredths(sheet.first_group_hundredths)
        sheet.deduction_points = _from_hundredths(sheet.deduction_hundredths)
    sheets.sort(key=lambda sheet: _sort_key(term, sheet))
    return sheets


def ranked_unit_ids(*, term):
    """The ranked members' unit ids, best first."""
    return [sheet.unit_id for sheet in ranked_sheets(term=term)]


def ranking(*, term):
    """RankRow per ranked member, best first, with shared ranks, the step that separates each member
    from the next one, and a bar width (0-100) for the chart."""
    sheets = ranked_sheets(term=term)
    keys = [_sort_key(term, sheet) for sheet in sheets]
    steps = _steps(term)
    rows = []
    for position, sheet in enumerate(sheets, start=1):
        previous = rows[-1] if rows else None
        rank = previous.rank if previous is not None and previous.total == sheet.total else position
        rows.append(
            RankRow(
                rank=rank,
                position=position,
                sheet=sheet,
                unit=sheet.unit,
                total=sheet.total,
                first_group=sheet.first_group_points,
                deductions=-sheet.deduction_points,
            )
        )
    for index, row in enumerate(rows):
        neighbours = rows[max(index - 1, 0) : index] + rows[index + 1 : index + 2]
        row.tied = any(other.total == row.total for other in neighbours)
        if index + 1 < len(rows):
            here, following = keys[index], keys[index + 1]
            row.separated_by = next(
                (step for step, mine, theirs in zip(steps, here, following, strict=False) if mine != theirs), Step.NAME
            )
    best = max((row.total for row in rows), default=0)
    for row in rows:
        row.bar = float(row.total / best * 100) if best > 0 and row.total > 0 else 0.0
    return rows


def excluded_members(*, term):
    """The members the officer excluded from the ranking, with the reason, who and when (one query)."""
    return list(
        TermMember.objects.filter(term_id=term.pk)
        .exclude(excluded_reason="")
        .select_related("unit", "excluded_by")
        .order_by("unit__search_text", "unit_id")
    )
