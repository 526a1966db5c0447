"""Demo: the five statistical forms of the demo year, filled for the demo province and counted."""

from directory.models import Unit
from portal.enums import JobStatus
from reports.models import StatForm, StatReport

from .statforms import jobs
from .statforms.catalogue import install, receipt_day

DEMO_YEAR = 2025


def province():
    return Unit.objects.provinces().current().filter(name__icontains="Ninh Bình").order_by("pk").first()


def seed_forms():
    """Fill every form in force for DEMO_YEAR (counted in this process: the demo has no worker yet)."""
    install(StatForm)  # the shipped versions (a flushed test database has lost the migration's rows)
    unit = province()
    if unit is None:
        return []
    filled = []
    for form in StatForm.objects.in_force(receipt_day(DEMO_YEAR)):
        report, _created = StatReport.objects.get_or_create(form=form, year=DEMO_YEAR, reporting_unit=unit)
        if report.status != JobStatus.DONE and not report.is_final:
            StatReport.objects.filter(pk=report.pk).update(status=JobStatus.REQUESTED)
            jobs.run_job(report_id=report.pk)
        filled.append(report)
    return filled
