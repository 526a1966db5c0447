"""The overview page (issue 14, item 5): charts of the province's work, each with its numbers beside
it and every number a link to the list of the records it counts. The figures are
`reports.domain.overview`'s; this module only turns them into charts (`portal.charts`)."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.charts import BarRow, LineSeries, bar_chart, line_chart
from portal.permissions import permission_required

from .domain import overview
from .forms import OverviewFilterForm


def _filters(request):
    """(year, unit kind, cluster, form): the valid filters, the defaults for any refused value."""
    query = request.GET.copy()
    this_year = timezone.localdate().year
    query.setdefault("year", str(this_year))
    form = OverviewFilterForm(query)
    form.is_valid()  # a refused value is left out of cleaned_data; the others still apply
    data = form.cleaned_data
    year = data.get("year") or this_year
    return year, data.get("unit_kind") or "", data.get("cluster"), form


def _first_ranked_cluster(year):
    """The first cluster or bloc (by name) with an accepted sheet in the years the chart shows."""
    from clusters.enums import SheetStatus
    from clusters.models import Cluster

    ranked = Cluster.objects.filter(
        terms__year__gt=year - overview.YEARS_SHOWN, terms__year__lte=year, terms__sheets__status=SheetStatus.ACCEPTED
    )
    return ranked.order_by("name", "pk").distinct().first()


def _figure_chart(figures, *, title):
    return bar_chart([BarRow(label=f.label, values=(f.count,), link=f.link) for f in figures], title=title)


@permission_required("reports.view_overview")
def overview_page(request):
    year, unit_kind, cluster, form = _filters(request)
    user = request.user
    by_year = overview.awards_by_year(user=user, year=year, unit_kind=unit_kind)
    top = by_year.awards[: overview.AWARDS_SHOWN]
    rest = by_year.awards[overview.AWARDS_SHOWN :]
    series = [name for _pk, name, _counts, _total in top] + ([_("Other awards")] if rest else [])
    year_chart = bar_chart(
        [
            BarRow(
                label=str(shown_year),
                values=tuple(counts.get(shown_year, 0) for _pk, _name, counts, _total in top)
                + ((sum(counts.get(shown_year, 0) for _pk, _name, counts, _total in rest),) if rest else ()),
                link=by_year.link(year=shown_year),
                links=tuple(by_year.link(year=shown_year, award=pk) for pk, _name, _counts, _total in top),
            )
            for shown_year in by_year.years
        ],
        title=_("Awards by year and award"),
        series=series or [_("Awards")],
        label_width=80,
        bar_space=800,
    )
    award_rows = [
        {
            "name": name,
            "cells": [
                (counts.get(shown_year, 0), by_year.link(year=shown_year, award=pk)) for shown_year in by_year.years
            ],
            "total": total,
        }
        for pk, name, counts, total in by_year.awards
    ]
    by_type = overview.awards_by_type(user=user, year=year, unit_kind=unit_kind)
    by_recipient = overview.awards_by_recipient(user=user, year=year, unit_kind=unit_kind)
    movements = overview.open_movements(user=user)
    dossiers = overview.dossiers(user=user, year=year)
    chosen_cluster = cluster or _first_ranked_cluster(year)
    ranks = overview.cluster_ranks(cluster=chosen_cluster, year=year)
    context = {
        "form": form,
        "filter_box": {"form": form},
        "year": year,
        "unit_kind": unit_kind,
        "by_year": by_year,
        "year_chart": year_chart,
        "award_rows": award_rows if rest else [],  # the chart's own table lists every award otherwise
        "type_chart": _figure_chart(by_type, title=_("Awards by commendation type")),
        "recipient_chart": _figure_chart(by_recipient, title=_("Awards by recipient")),
        "movements": movements,
        "level_chart": _figure_chart(movements.by_level, title=_("Movements under way by launching level")),
        "progress_chart": bar_chart(
            [
                BarRow(label=row.name, values=(row.met, row.not_met), link=row.link, links=(row.link, row.link))
                for row in movements.progress
            ],
            title=_("Targets met per movement under way"),
            series=[_("Targets met"), _("Targets not yet met")],
        ),
        "dossiers": dossiers,
        "state_chart": _figure_chart(dossiers.by_state, title=_("Dossiers by state")),
        "window_chart": _figure_chart(
            [dossiers.within, dossiers.overdue], title=_("Dossiers with the office against the 5-working-day window")
        ),
        "ranks": ranks,
        "rank_chart": line_chart(
            [
                LineSeries(label=name, values=by_year_rank, links={y: ranks.links[y] for y in by_year_rank})
                for name, by_year_rank in ranks.units
            ],
            title=_("Ranks in the cluster or bloc over the years (1 is best)"),
            xs=ranks.years,
            inverted=True,
        ),
    }
    return render(request, "reports/overview.html", context)
