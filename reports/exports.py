"""The reports' Excel exports: the filtered member reports with their figures, and one report's
figures in the import template's columns (filled in and uploaded back: the import finds the
header below the title lines)."""

from django.utils.translation import gettext as _

from portal.text import fold
from portal.xlsx import NUMBER, TEXT, Table, export_title, list_export_title, xlsx_response

from .domain.member_reports import TEMPLATE_HEADERS
from .models import Indicator


def report_export(reports, *, request, filterset=None):
    """The member reports list: cluster, year (a plain number, never grouped), period, unit, state and
    one number column per indicator."""
    reports = list(reports.prefetch_related("values"))
    indicators = list(Indicator.objects.all())
    headers = [str(_("Cluster or bloc")), str(_("Year")), str(_("Reporting period")), str(_("Unit")), str(_("Status"))]
    headers += [indicator.name for indicator in indicators]
    rows = []
    for report in reports:
        values = {value.indicator_id: value.value for value in report.values.all()}
        rows.append(
            [
                report.term.cluster.name,
                report.term.year,
                report.get_period_display(),
                report.unit.name,
                report.get_status_display(),
                *[values.get(indicator.pk) for indicator in indicators],
            ]
        )
    table = Table(
        str(_("Member reports")),
        headers,
        rows,
        title_rows=list_export_title(_("Member reports"), request=request, filterset=filterset),
        kinds=[TEXT, None, TEXT, TEXT, TEXT, *[NUMBER] * len(indicators)],
    )
    return xlsx_response("bao-cao-thanh-vien.xlsx", [table])


def report_figures_export(report, *, request):
    """One report's figures in the upload template's columns (code, name, unit, value)."""
    values = {value.indicator_id: value.value for value in report.values.all()}
    rows = [
        [indicator.code, indicator.name, indicator.get_measure_unit_display(), values.get(indicator.pk)]
        for indicator in Indicator.objects.all()
    ]
    heading = _("Member report: {report}").format(report=str(report))
    table = Table(
        str(_("Figures")),
        TEMPLATE_HEADERS,
        rows,
        title_rows=export_title(_("Figures of the member report"), context=[heading], by=request.user),
        kinds=[TEXT, TEXT, TEXT, NUMBER],
    )
    name = f"so-lieu-{fold(report.unit.short_name or report.unit.name).replace(' ', '-')}-{report.term.year}.xlsx"
    return xlsx_response(name, [table])
