"""The member report workflow: start, record figures (by form or Excel), submit."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusters.models import TermMember
from portal.numbers import NumberError, bounds_of, parse_number

from ..enums import ReportStatus
from ..models import ClusterReport, IndicatorValue, MemberReport
from .errors import ReportError
from .workflow import REPORTS

TEMPLATE_HEADERS = ["Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính", "Giá trị"]


def start_report(*, term, unit, period):
    """Create the unit's draft report for this period, or return the existing one.

    Side effects: writes a MemberReport row.
    """
    if not TermMember.objects.filter(term=term, unit=unit).exists():
        raise ReportError(_("Your unit is not a member of this cluster in {year}.").format(year=term.year))
    try:
        with transaction.atomic():
            report, _created = MemberReport.objects.get_or_create(term=term, unit=unit, period=period)
    except IntegrityError:  # two clicks at once: the other one created it
        report = MemberReport.objects.get(term=term, unit=unit, period=period)
    return report


def figure_bounds():
    """The `parse_number` bounds of a reported figure: what IndicatorValue.value stores."""
    return bounds_of(IndicatorValue._meta.get_field("value"))


@transaction.atomic
def save_figures(*, report, values):
    """Replace the report's figures with `values` ({indicator: number or None}).

    Every value is checked against the column first (`portal.numbers.parse_number`): one that does
    not fit raises ReportError and nothing is written.
    Side effects: locks the report, creates, updates or deletes IndicatorValue rows.
    """
    report = MemberReport.objects.select_for_update().get(pk=report.pk)
    if report.status not in ReportStatus.editable():
        raise ReportError(_("This report has been submitted and can no longer be changed."))
    checked = {}
    for indicator, value in values.items():
        try:
            checked[indicator] = parse_number(value, **figure_bounds())
        except NumberError as error:
            raise ReportError(
                _("The figure for “{indicator}” was refused. {problem}").format(
                    indicator=indicator.name, problem=error.message
                )
            ) from None
    existing = {value.indicator_id: value for value in report.values.all()}
    for indicator, value in checked.items():
        current = existing.get(indicator.pk)
        if value is None:
            if current is not None:
                current.delete()
        elif current is None:
            IndicatorValue.objects.create(report=report, indicator=indicator, value=value)
        elif current.value != value:
            current.value = value
            current.save(update_fields=["value"])
    return report


@transaction.atomic
def submit_report(*, report, by):
    """Submit a draft report to the cluster lead.

    Side effects: locks the report, sets status and submitted_at (audited).
    """
    report = MemberReport.objects.select_for_update().get(pk=report.pk)
    REPORTS.check(report.status, ReportStatus.SUBMITTED)
    if not report.values.exists():
        raise ReportError(_("Enter at least one figure before submitting the report."))
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_at"])
    return report


def _assemble(reports, field_name):
    parts = []
    for report in reports:
        text = getattr(report, field_name).strip()
        if text:
            parts.append(f"{report.unit.short_name or report.unit.name}: {text}")
    return "\n\n".join(parts)


@transaction.atomic
def compile_cluster_report(*, term, period, by):
    """Create or refresh the cluster report's narrative from the members' submitted sections.

    Side effects: locks or creates the ClusterReport row and overwrites its three narrative
    sections with the members' texts (the lead edits them afterwards); sets compiled_at.
    """
    cluster_report, _created = ClusterReport.objects.get_or_create(term=term, period=period)
    cluster_report = ClusterReport.objects.select_for_update().get(pk=cluster_report.pk)
    reports = list(
        MemberReport.objects.filter(term=term, period=period, status=ReportStatus.SUBMITTED)
        .select_related("unit")
        .order_by("unit__search_text")
    )
    if not reports:
        raise ReportError(_("No member has submitted a report for this period yet."))
    cluster_report.results = _assemble(reports, "results")
    cluster_report.limitations = _assemble(reports, "limitations")
    cluster_report.tasks_ahead = _assemble(reports, "tasks_ahead")
    cluster_report.compiled_at = timezone.now()
    cluster_report.save()
    return cluster_report
