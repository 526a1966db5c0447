from celery import shared_task

from .domain import jobs


@shared_task(name="reports.render_summary")
def render_summary(*, job_id):
    """Render one conference summary job. Safe to run twice: a DONE job is never rendered again."""
    return jobs.run_job(job_id=job_id)


@shared_task(name="reports.count_stat_report")
def count_stat_report(*, report_id):
    """Count one statistical form and write its files. Safe to run twice: a DONE report is not claimed."""
    from .domain.statforms import jobs as statform_jobs

    return statform_jobs.run_job(report_id=report_id)
