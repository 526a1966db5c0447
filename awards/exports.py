"""The awards' Excel exports: the filtered proposals list and a decision's annex.

Each starts with its title (`portal.xlsx.export_title`); the year is a plain number (2023, never
grouped), dates are date cells (dd/mm/yyyy), counts and amounts number cells with a grouped format
and a totals row.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.xlsx import DATE, INTEGER, NUMBER, TEXT, Table, export_title, list_export_title, xlsx_response

from .domain.decision_document import annex_headers, annex_rows


def proposal_export(proposals, *, request, filterset=None):
    """The filtered proposals (annotated with nominee_count), their nominees counted in a totals row."""
    headers = [
        _("Dossier title"),
        _("Proposing unit"),
        _("Commendation type"),
        _("Year"),
        _("State"),
        _("Deadline"),
        _("Submitted on"),
        _("Nominees"),
    ]
    rows = [
        [
            p.title,
            p.unit.name,
            p.get_commendation_type_display(),
            p.year,
            p.get_state_display(),
            p.deadline,
            p.submitted_on,
            p.nominee_count,
        ]
        for p in proposals
    ]
    table = Table(
        _("Award proposals"),
        headers,
        rows,
        title_rows=list_export_title(_("Award proposals"), request=request, filterset=filterset),
        kinds=[TEXT, TEXT, TEXT, None, TEXT, DATE, DATE, INTEGER],
        total_columns=(7,),
    )
    return xlsx_response("de-nghi-khen-thuong.xlsx", [table])


def decision_annex_export(decision, *, request):
    """The annex of a decision: who is awarded what, with the bonus (VND) and its total."""
    heading = _("Decision No. {number} of {date}: {title}").format(
        number=decision.number,
        date=date_format(decision.signed_on, "SHORT_DATE_FORMAT"),
        title=decision.proposal.title,
    )
    table = Table(
        _("Annex"),
        annex_headers(),
        annex_rows(decision),
        title_rows=export_title(_("Annex of the award decision"), context=[heading], by=request.user),
        kinds=[INTEGER, TEXT, TEXT, TEXT, NUMBER, TEXT],
        total_columns=(4,),
    )
    return xlsx_response(f"phu-luc-{decision.pk}.xlsx", [table])
