"""The ranking: a pure function of the stored scores of accepted sheets, in one database query.

Order: total points, highest first; equal totals are broken by the term's `tie_break`. The default
(`TieBreak.FIRST_GROUP_THEN_DEDUCTIONS`) ranks first the member with more points in the first
criterion group (lowest position), then the one with fewer deduction points, then by the unit's
name and finally its id, so the same data always gives the same order.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from ..enums import CriterionKind, SheetStatus, TieBreak
from ..models import CriterionGroup, Sheet

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=12, decimal_places=2))


@dataclass
class RankRow:
    rank: int
    sheet: Sheet
    unit: object
    total: Decimal
    first_group: Decimal
    deductions: Decimal
    bar: float = 0.0


def ranking_queryset(*, term):
    """Accepted sheets of the term, annotated and ordered; evaluating it is one query."""
    first_group = (
        CriterionGroup.objects.filter(term_id=term.pk, parent__isnull=True).order_by("position", "pk").values("pk")[:1]
    )
    annotated = Sheet.objects.filter(term=term, status=SheetStatus.ACCEPTED).annotate(
        total=Coalesce(Sum("scores__points"), ZERO),
        first_group_points=Coalesce(
            Sum(
                "scores__points",
                filter=Q(scores__criterion__group_id=Subquery(first_group))
                | Q(scores__criterion__group__parent_id=Subquery(first_group)),
            ),
            ZERO,
        ),
        deduction_points=Coalesce(
            Sum("scores__points", filter=Q(scores__criterion__kind=CriterionKind.DEDUCTION)), ZERO
        ),
    )
    if term.tie_break == TieBreak.DEDUCTIONS_THEN_FIRST_GROUP:
        # Deductions are stored negative: fewer deductions = a larger (closer to zero) sum.
        order = ["-total", "-deduction_points", "-first_group_points"]
    else:
        order = ["-total", "-first_group_points", "-deduction_points"]
    return annotated.select_related("unit").order_by(*order, "unit__search_text", "unit_id")


def ranking(*, term):
    """RankRow per accepted sheet, best first, with a bar width (0-100) for the chart."""
    rows = []
    for position, sheet in enumerate(ranking_queryset(term=term), start=1):
        rows.append(
            RankRow(
                rank=position,
                sheet=sheet,
                unit=sheet.unit,
                total=sheet.total,
                first_group=sheet.first_group_points,
                deductions=-sheet.deduction_points,
            )
        )
    best = max((row.total for row in rows), default=0)
    for row in rows:
        row.bar = float(row.total / best * 100) if best > 0 and row.total > 0 else 0.0
    return rows
