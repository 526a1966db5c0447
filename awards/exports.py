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


def lookup_export(records, *, request, filterset=None, limit):
    """The award history's search results (issue 14) in the history import's columns, position tier
    ("Nhóm đối tượng") included, so a file can be corrected and imported back. At most `limit` rows:
    the title says so when the search found more."""
    from .domain.imports import HISTORY_HEADERS

    records = list(records[: limit + 1])
    more = len(records) > limit
    rows = [
        [
            record.recipient_name,
            record.unit.code if record.unit_id else "",
            record.award.code,
            record.year,
            record.decision_number,
            record.get_commendation_type_display(),
            record.get_position_tier_display() if record.position_tier else "",
        ]
        for record in records[:limit]
    ]
    title_rows = list_export_title(_("Award history"), request=request, filterset=filterset)
    if more:
        title_rows = [*title_rows, _("The first {limit} records only: narrow the search.").format(limit=limit)]
    table = Table(
        _("Award history"),
        HISTORY_HEADERS,
        rows,
        title_rows=title_rows,
        kinds=[TEXT, TEXT, TEXT, None, TEXT, TEXT, TEXT],
    )
    return xlsx_response("lich-su-khen-thuong.xlsx", [table])
