"""The member report workflow: start, record figures (by form or Excel) and attachments, submit;
the lead of the term or the office returns a submitted report for correction (with a reason), the
unit corrects it and submits it again; a unit deletes its own draft that was never submitted.

While a report is returned, every change the unit makes to it (sections, figures, attachments) is
written inside `portal.audit.because(return_reason)`, so its history shows each before and after
beside the reason the report was returned for.
"""

from contextlib import nullcontext

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusters.models import TermMember
from portal.audit import because
from portal.numbers import NumberError, bounds_of, parse_number

from ..enums import ReportStatus
from ..models import ClusterReport, IndicatorValue, MemberReport, ReportAttachment
from . import notices
from .errors import ReportError
from .workflow import REPORTS

REASON_MAX = 2000
SECTIONS = ("results", "limitations", "tasks_ahead")
NOT_EDITABLE = gettext_lazy("This report has been submitted and can no longer be changed.")
# Why a report cannot be deleted, one whole sentence per state (a report deleted is a draft never submitted).
NOT_DELETABLE = {
    ReportStatus.SUBMITTED: gettext_lazy(
        "This report has been submitted to the lead, so it can no longer be deleted: it stays in the term's "
        "records. If it needs correcting, the lead or the provincial office can return it to your unit."
    ),
    ReportStatus.RETURNED: gettext_lazy(
        "This report was submitted once and returned for correction, so it can no longer be deleted: correct it "
        "and submit it again."
    ),
}


def correction_reason(report):
    """The reason the unit's changes are recorded with: why the report was returned, or "" for a draft."""
    return report.return_reason if report.status == ReportStatus.RETURNED else ""


def _recorded(report):
    reason = correction_reason(report)
    return because(reason) if reason else nullcontext()


def _editable(report):
    """Lock the report and return it; ReportError when its unit may no longer change it."""
    report = MemberReport.objects.select_for_update().get(pk=report.pk)
    if report.status not in ReportStatus.editable():
        raise ReportError(NOT_EDITABLE)
    return report


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
    Side effects: locks the report, creates, updates or deletes IndicatorValue rows (audited, with
    the return reason while the report is returned).
    """
    report = _editable(report)
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
    with _recorded(report):
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
def save_report(*, report, sections, values):
    """Save the report's narrative `sections` ({field name: text}) and its figures (as `save_figures`).

    Side effects: locks the report, updates its sections and IndicatorValue rows (audited, with the
    return reason while the report is returned); nothing is written when a figure is refused.
    """
    report = _editable(report)
    changed = [name for name in SECTIONS if name in sections and getattr(report, name) != sections[name]]
    for name in changed:
        setattr(report, name, sections[name])
    save_figures(report=report, values=values)
    if changed:
        with _recorded(report):
            report.save(update_fields=[*changed, "search_text", "updated_at"])
    return report


@transaction.atomic
def attach_file(*, report, title, file):
    """Attach a checked document (`portal.uploads.DocumentFileField`) to a report its unit may change.

    Side effects: writes a ReportAttachment row and stores the file (audited, with the return reason
    while the report is returned).
    """
    report = _editable(report)
    with _recorded(report):
        return ReportAttachment.objects.create(report=report, title=title, file=file)


@transaction.atomic
def remove_attachment(*, attachment):
    """Remove an attachment of a report its unit may change; the file leaves storage after commit.

    Side effects: deletes the ReportAttachment row (audited, with the return reason while the report
    is returned) and, after commit, its stored file.
    """
    report = _editable(attachment.report)
    with _recorded(report):
        attachment.delete()
    _delete_files_after_commit([attachment.file])


def _delete_files_after_commit(files):
    stored = [(file.storage, file.name) for file in files if file and file.name]

    def delete():
        for storage, name in stored:
            storage.delete(name)

    transaction.on_commit(delete)


@transaction.atomic
def submit_report(*, report, by):
    """Submit a draft report, or a returned one once corrected, to the cluster lead.

    Side effects: locks the report, sets status and submitted_at (audited; a corrected report's
    with the reason it was returned for); tells the lead (the office for the lead's own report).
    """
    report = MemberReport.objects.select_for_update().select_related("term__cluster", "unit").get(pk=report.pk)
    REPORTS.check(report.status, ReportStatus.SUBMITTED)
    if not report.values.exists():
        raise ReportError(_("Enter at least one figure before submitting the report."))
    resubmitted = report.status == ReportStatus.RETURNED
    with _recorded(report):
        report.status = ReportStatus.SUBMITTED
        report.submitted_at = timezone.now()
        report.save(update_fields=["status", "submitted_at"])
    notices.report_submitted(report=report, resubmitted=resubmitted)
    return report


@transaction.atomic
def return_report(*, report, by, reason):
    """Return a submitted report to its unit for correction, with a reason (the lead of the term or
    the office; the view checks `reports.return_memberreport`).

    Side effects: locks the report, sets status, returned_at, returned_by and return_reason inside
    `because(reason)` (the history shows it); tells the member unit, with the reason.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ReportError(
            _("Give the reason for returning the report: the unit sees it and it is kept in the history.")
        )
    if len(reason) > REASON_MAX:
        raise ReportError(_("The reason is too long: at most {limit} characters.").format(limit=REASON_MAX))
    report = MemberReport.objects.select_for_update().select_related("term__cluster", "unit").get(pk=report.pk)
    REPORTS.check(report.status, ReportStatus.RETURNED)
    with because(reason):
        report.status = ReportStatus.RETURNED
        report.returned_at = timezone.now()
        report.returned_by = by
        report.return_reason = reason
        report.save(update_fields=["status", "returned_at", "returned_by", "return_reason", "updated_at"])
    notices.report_returned(report=report)
    return report


def why_not_deletable(report):
    """The sentence saying why the unit may not delete this report, or None for a draft never submitted."""
    if report.status == ReportStatus.DRAFT and report.submitted_at is None:
        return None
    return NOT_DELETABLE.get(report.status, NOT_DELETABLE[ReportStatus.SUBMITTED])


@transaction.atomic
def delete_draft(*, report, by):
    """Delete the unit's own draft report that was never submitted, with its figures and attachments.

    Side effects: locks and deletes the MemberReport with its IndicatorValue and ReportAttachment rows
    (audited as deleted), and after commit the attachments' stored files. ReportError (nothing
    deleted) for a report that was ever submitted.
    """
    report = MemberReport.objects.select_for_update().get(pk=report.pk)
    refusal = why_not_deletable(report)
    if refusal is not None:
        raise ReportError(refusal)
    files = [attachment.file for attachment in report.attachments.all()]
    report.delete()
    _delete_files_after_commit(files)


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
