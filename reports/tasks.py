from celery import shared_task

from .domain import jobs


@shared_task(name="reports.render_summary")
def render_summary(*, job_id):
    """Render one conference summary job. Safe to run twice: a DONE job is never rendered again."""
    return jobs.run_job(job_id=job_id)
