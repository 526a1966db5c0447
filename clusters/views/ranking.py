"""The term's ranking page and its Excel export."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from portal.permissions import object_view
from portal.xlsx import xlsx_response

from ..domain import criteria as criteria_domain
from ..domain.ranking import ranking
from .common import TERMS, _progress


@object_view(TERMS, "clusters.rank_term")
def term_ranking(request, term):
    rows = ranking(term=term)
    if request.GET.get("format") == "xlsx":
        headers = [_("Rank"), _("Unit"), _("Total points"), _("First group"), _("Deductions")]
        data = ([row.rank, row.unit.name, row.total, row.first_group, row.deductions] for row in rows)
        return xlsx_response(f"xep-hang-{term.pk}.xlsx", [(_("Ranking"), headers, data)])
    context = {
        "term": term,
        "rows": rows,
        "total_maximum": criteria_domain.total_maximum(term=term),
        "progress": _progress(term),
        "chart_height": 28 * len(rows) + 10,
    }
    return render(request, "clusters/ranking.html", context)
