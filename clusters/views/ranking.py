"""The term's ranking page and its Excel export."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from portal.charts import BarRow, bar_chart
from portal.permissions import object_view
from portal.xlsx import DATETIME, INTEGER, NUMBER, TEXT, Table, xlsx_response

from ..domain import criteria as criteria_domain
from ..domain.ranking import excluded_members, ranking
from .common import TERMS, _progress
from .exports import term_export_title


def _rank_text(row):
    if row.tied:
        return _("{rank} (tied)").format(rank=row.rank)
    return str(row.rank)


def ranking_export(request, term, rows, excluded):
    """The ranking as an Excel file: rank (tied ranks marked), totals, the tie-break step, exclusions."""
    headers = [
        _("Rank"),
        _("Position in the order"),
        _("Unit"),
        _("Total points"),
        _("First group"),
        _("Deductions"),
        _("Placed before the next one because"),
    ]
    data = [
        [
            _rank_text(row),
            row.position,
            row.unit.name,
            row.total,
            row.first_group,
            row.deductions,
            row.separated_by_label,
        ]
        for row in rows
    ]
    title = [*term_export_title(term, _("Ranking"), request.user), str(term.get_tie_break_display())]
    sheets = [
        Table(
            _("Ranking"),
            headers,
            data,
            title_rows=title,
            kinds=[TEXT, INTEGER, TEXT, NUMBER, NUMBER, NUMBER, TEXT],
        )
    ]
    if excluded:
        sheets.append(
            Table(
                _("Not ranked"),
                [_("Unit"), _("Reason for excluding from the ranking"), _("Excluded by"), _("Excluded at")],
                [
                    [member.unit.name, member.excluded_reason, str(member.excluded_by or ""), member.excluded_at]
                    for member in excluded
                ],
                title_rows=term_export_title(term, _("Members not ranked"), request.user),
                kinds=[TEXT, TEXT, TEXT, DATETIME],
            )
        )
    return xlsx_response(f"xep-hang-{term.pk}.xlsx", sheets)


def chart_bars(rows):
    """The ranking's bars through the shared chart (`portal.charts.bar_chart`): each bar's length is
    the member's total against the best total, the label "rank. unit" cut at 34 characters."""
    return bar_chart(
        [BarRow(label=f"{row.rank}. {row.unit.name}", values=(row.total,)) for row in rows],
        title=_("Total points per member"),
    )


@object_view(TERMS, "clusters.rank_term")
def term_ranking(request, term):
    rows = ranking(term=term)
    excluded = excluded_members(term=term)
    if request.GET.get("format") == "xlsx":
        return ranking_export(request, term, rows, excluded)
    context = {
        "term": term,
        "rows": rows,
        "chart": chart_bars(rows),
        "excluded": excluded,
        "total_maximum": criteria_domain.total_maximum(term=term),
        "progress": _progress(term),
    }
    return render(request, "clusters/ranking.html", context)
