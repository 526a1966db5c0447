"""What the clusters exports and review pages share: the title of an export (the cluster or bloc,
its year, what the file is, when and by whom it was exported) and who reviews a sheet."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.xlsx import export_title

from ..enums import ClusterKind
from ..rules import REVIEWED_BY_DEPUTY, REVIEWED_BY_LEAD, sheet_reviewer

# The first line of an export's title: the cluster or bloc and the year, one sentence per kind.
TERM_HEADINGS = {
    ClusterKind.CLUSTER: gettext_lazy("Emulation cluster: {name}, year {year}"),
    ClusterKind.BLOC: gettext_lazy("Emulation bloc: {name}, year {year}"),
}


def term_heading(term):
    """ "Emulation bloc: <name>, year 2024" (cluster words for a cluster, bloc words for a bloc)."""
    heading = TERM_HEADINGS.get(term.cluster.kind, TERM_HEADINGS[ClusterKind.CLUSTER])
    return str(heading).format(name=term.cluster.name, year=term.year)


def term_export_title(term, what, user):
    """The title lines of an export of `term`: `portal.xlsx.export_title` with the term's heading."""
    return export_title(what, context=[term_heading(term)], by=user)


def reviewer_label(term, sheet):
    """Who reviews `sheet`, named as pages and exports show it (no query when the term's units are loaded)."""
    reviewer = sheet_reviewer(sheet, term)
    if reviewer == REVIEWED_BY_LEAD:
        return f"{term.cluster.words.lead} ({term.lead_unit.name})"
    if reviewer == REVIEWED_BY_DEPUTY:
        return f"{term.cluster.words.deputy} ({term.deputy_unit.name})"
    return str(_("The provincial office"))
