"""PDF summary jobs: request (web), claim and render (worker), state shown on the page.

A job is a row. The web request creates it and enqueues the task after the transaction commits.
The worker claims it with a conditional UPDATE, renders, writes the file under a name made of the
content hash (so the same content is one file, whoever renders it and however often), then marks
the job done. A worker killed mid-render leaves the row RUNNING; the redelivered task may claim it
again once its lease is over. A DONE job is never claimed again.
"""

import logging
import os
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import jobs as portal_jobs

from ..enums import RenderStatus
from ..models import Conference, RenderJob
from .summary import content_hash, summary_html

logger = logging.getLogger(__name__)
SUMMARY_DIR = "reports/summaries"


def lease():
    """How long a RUNNING claim protects a job from another worker (REPORTS_RENDER_LEASE_SECONDS)."""
    return timedelta(seconds=settings.REPORTS_RENDER_LEASE_SECONDS)


def file_name(digest):
    return f"{SUMMARY_DIR}/{digest}.pdf"


def current_hash(conference):
    return content_hash(summary_html(conference))


def request_summary(*, conference, by):
    """Ask for the conference's PDF summary; returns (job, reused).

    Side effects: locks the conference row; when a finished PDF of the same content exists, writes
    nothing and returns that job (reused=True); when a render of the same content is under way,
    returns it; otherwise creates a REQUESTED job and enqueues `reports.render_summary` after the
    transaction commits.
    """
    from ..tasks import render_summary

    with transaction.atomic():
        Conference.objects.select_for_update().filter(pk=conference.pk).first()
        digest = current_hash(conference)
        same = RenderJob.objects.filter(conference=conference, content_hash=digest)
        done = same.filter(status=RenderStatus.DONE).order_by("-finished_at", "-pk").first()
        if done is not None and done.file and default_storage.exists(done.file.name):
            return done, True
        active = same.filter(status__in=RenderStatus.active()).first()
        if active is not None:
            return active, False
        job = RenderJob.objects.create(conference=conference, content_hash=digest, requested_by=by)
        transaction.on_commit(lambda: render_summary.delay(job_id=job.pk))
    return job, False


def claim(*, job_id):
    """Take the job for this worker: True when this worker may render it (`portal.jobs.claim`, with
    the render lease: REQUESTED, or RUNNING with an expired lease -> RUNNING; RenderStatus has
    JobStatus's values)."""
    return portal_jobs.claim(RenderJob, job_id=job_id, lease=lease())


def _write_atomically(name, data):
    """Write the file under its final name in one rename: readers never see half a PDF."""
    path = Path(default_storage.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".rendering-", delete=False) as handle:
        handle.write(data)
        temporary = Path(handle.name)
    os.replace(temporary, path)


def run_job(*, job_id):
    """Render a claimed job's PDF (the worker's side).

    Side effects: claims the row; renders the current content unless a file of the same hash
    exists; writes reports/summaries/<hash>.pdf; marks the job DONE (file, hash, time) or FAILED
    with an error the officer can read. Returns the job's final status, or None when not claimed.
    """
    from portal.rendering import html_to_pdf

    if not claim(job_id=job_id):
        logger.info("render job %s: not claimable (gone, done or held by another worker)", job_id)
        return None
    job = RenderJob.objects.select_related("conference").get(pk=job_id)
    started = time.perf_counter()
    try:
        html = summary_html(job.conference)
        digest = content_hash(html)
        name = file_name(digest)
        pdf_ms = 0
        if not default_storage.exists(name):
            pdf_started = time.perf_counter()
            pdf = html_to_pdf(html)
            pdf_ms = int((time.perf_counter() - pdf_started) * 1000)
            _write_atomically(name, pdf)
    except Exception as error:  # a template or data error: the officer sees it and may retry
        logger.exception("render job %s failed", job_id)
        RenderJob.objects.filter(pk=job_id, status=RenderStatus.RUNNING).update(
            status=RenderStatus.FAILED,
            error=_("The PDF could not be produced: {error}").format(error=error)[:2000],
            finished_at=timezone.now(),
        )
        return RenderStatus.FAILED
    RenderJob.objects.filter(pk=job_id, status=RenderStatus.RUNNING).update(
        status=RenderStatus.DONE,
        file=name,
        content_hash=digest,
        finished_at=timezone.now(),
        render_ms=int((time.perf_counter() - started) * 1000),
        pdf_ms=pdf_ms,
        error="",
    )
    return RenderStatus.DONE


def summary_state(*, conference, digest):
    """The latest job of the conference and whether its PDF matches the current content. Reads only."""
    latest = RenderJob.objects.filter(conference=conference).order_by("-requested_at", "-pk").first()
    latest_done = (
        latest
        if latest is not None and latest.status == RenderStatus.DONE
        else RenderJob.objects.filter(conference=conference, status=RenderStatus.DONE)
        .order_by("-finished_at", "-pk")
        .first()
    )
    return {
        "job": latest,
        "done_job": latest_done,
        "stale": latest_done is not None and latest_done.content_hash != digest,
        "current_hash": digest,
    }
