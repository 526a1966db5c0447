"""Filling a form: request (web), count and write the files (worker), mark final (web).

`request_count` creates or resets the form's `StatReport` for the year and enqueues
`reports.count_stat_report` after the transaction commits. The worker claims the row
(`portal.jobs.claim`, with a lease), counts the cells (one grouped query), writes the Excel file and
renders the PDF, updating `steps_done` as it goes (the page polls it). Files are named by a hash of
what they show: counting again with the same figures renders nothing. `finalise` marks a counted
form final once the checks before filing find nothing and the figures are still those of the
records; a final form is frozen until an officer reopens it with a reason.
"""

import hashlib
import json
import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import jobs
from portal.audit import because
from portal.enums import JobStatus
from portal.errors import DomainError
from reports.enums import StatReportState
from reports.models import StatReport

from .counting import count_cells, problems

logger = logging.getLogger(__name__)


def lease():
    return timedelta(seconds=settings.REPORTS_RENDER_LEASE_SECONDS)


def request_count(*, form, year, reporting_unit, by, receiving_unit=None):
    """Count (again) `form` for `year` and `reporting_unit`; returns the StatReport.

    Side effects: creates the report or resets its job to REQUESTED and enqueues the count after
    commit; a report being counted is returned as it is. Raises DomainError for a final report.
    """
    from reports.tasks import count_stat_report

    with transaction.atomic():
        report, created = StatReport.objects.select_for_update().get_or_create(
            form=form, year=year, reporting_unit=reporting_unit, defaults={"requested_by": by}
        )
        if report.is_final:
            raise DomainError(_("This form is final: reopen it before counting it again."))
        if report.is_active and not created:
            return report
        report.status = JobStatus.REQUESTED
        report.steps_done = 0
        report.error = ""
        report.requested_by = by
        if receiving_unit:
            report.receiving_unit = receiving_unit
        report.save()
        transaction.on_commit(lambda: count_stat_report.delay(report_id=report.pk))
    return report


def _digest(report, values):
    shown = {
        "values": values,
        "form": [report.form.code, report.form.title, report.form.legal_basis, report.form.definition],
        "frame": [report.year, report.reporting_unit.name, report.receiving_unit],
    }
    return hashlib.sha256(json.dumps(shown, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _step(report_id, steps):
    StatReport.objects.filter(pk=report_id, status=JobStatus.RUNNING).update(steps_done=steps)


def run_job(*, report_id):
    """Count the cells and write both files of a claimed report (the worker's side).

    Side effects: claims the row; stores the figures, the hash and the files, marks it DONE, tells the
    requester; or marks it FAILED with a message the officer can read. Returns the final status, or
    None when the row was not claimable.
    """
    from portal.rendering import html_to_pdf

    from .output import print_html, workbook

    if not jobs.claim(StatReport, job_id=report_id, lease=lease(), steps_done=0):
        logger.info("stat report %s: not claimable", report_id)
        return None
    report = StatReport.objects.select_related("form", "reporting_unit").get(pk=report_id)
    try:
        values = count_cells(report.form, report.year)
        _step(report_id, 1)
        digest = _digest(report, values)
        stem = f"reports/statforms/{report.form.code.split('.')[0]}-{report.year}-{digest[:16]}"
        xlsx_name, pdf_name = f"{stem}.xlsx", f"{stem}.pdf"
        if not default_storage.exists(xlsx_name):
            default_storage.save(xlsx_name, ContentFile(workbook(report, values)))
        _step(report_id, 2)
        if not default_storage.exists(pdf_name):
            default_storage.save(pdf_name, ContentFile(html_to_pdf(print_html(report, values))))
    except Exception as error:  # a data or template error: shown on the page, the officer may retry
        logger.exception("stat report %s failed", report_id)
        StatReport.objects.filter(pk=report_id, status=JobStatus.RUNNING).update(
            status=JobStatus.FAILED, error=str(error)[:2000] or error.__class__.__name__
        )
        return JobStatus.FAILED
    StatReport.objects.filter(pk=report_id, status=JobStatus.RUNNING).update(
        status=JobStatus.DONE,
        steps_done=StatReport.STEPS,
        values=values,
        content_hash=digest,
        counted_at=timezone.now(),
        xlsx=xlsx_name,
        pdf=pdf_name,
    )
    _tell(report)
    return JobStatus.DONE


def _tell(report):
    from portal.notifications import notify

    if report.requested_by_id is None:
        return
    notify(
        users=[report.requested_by],
        subject=_("Form {code} for {year} is counted").format(code=report.form.code, year=report.year),
        body=_("The figures, the Excel file and the PDF are ready."),
        link=reverse("reports:statform_detail", args=[report.pk]),
    )


def finalise(*, report, by):
    """Mark a counted form final. Raises DomainError while a check finds rows the form cannot
    classify, or when the records changed since counting (count again first).

    Side effects: one grouped count; state FINAL with who and when (history)."""
    if report.status != JobStatus.DONE:
        raise DomainError(_("Count the form before marking it final."))
    found = problems(report.form, report.year)
    if found:
        raise DomainError(
            _("The form cannot be final while {n} records cannot be classified: fix them first.").format(
                n=sum(count for _check, count in found)
            )
        )
    if count_cells(report.form, report.year) != report.values:
        raise DomainError(_("The records changed since the form was counted: count it again, then mark it final."))
    report.state = StatReportState.FINAL
    report.finalised_by = by
    report.finalised_at = timezone.now()
    report.save(update_fields=["state", "finalised_by", "finalised_at"])


def reopen(*, report, reason):
    """Make a final form a draft again (to correct it), with the reason in its history."""
    if not report.is_final:
        raise DomainError(_("This form is not final."))
    with because(reason):
        report.state = StatReportState.DRAFT
        report.finalised_by = None
        report.finalised_at = None
        report.save(update_fields=["state", "finalised_by", "finalised_at"])
