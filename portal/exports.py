"""Large list exports as jobs: request (web), claim and write (worker), state shown on the job page.

A list page's `?format=xlsx` (`portal.lists.FilteredListView`) answers with the file when the
filtered rows are at most EXPORT_INLINE_MAX_ROWS; above that it calls `export_later`, which records
an `ExportJob` naming the list (URL name, arguments, query string) and enqueues `portal.run_export`
after the transaction commits. The worker claims the row with a conditional UPDATE, rebuilds the
list's view for the requester (`portal.lists.list_view`: the same `get_queryset()`, FilterSet and
permission check the page runs), calls the view's own `export(rows)` while the writer reports its
progress (`portal.xlsx.progress_to`), stores the response's bytes under `exports/` and tells the
requester (`NotificationKind.EXPORT_FINISHED`). Only the requester downloads the file, through
`portal:export_download`; `delete_old_exports` (beat) deletes files older than EXPORT_KEEP_DAYS.
"""

import hashlib
import json
import logging
import re
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import jobs
from .enums import JobStatus, NotificationKind
from .models import ExportJob

logger = logging.getLogger(__name__)

EXPORT_DIR = "exports"
DEFAULT_NAME = "danh-sach.xlsx"
ERROR_MAX = 2000
# Query-string parameters that do not choose rows: the page shown and the format asked for.
NOT_FILTERS = ("page", "format")


class ExportRefused(Exception):
    """The job cannot be carried out for a reason the requester can read (the list is gone, the
    requester may no longer see it)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def list_key(url_name, url_kwargs, query):
    """One short key per list and filters: a person asks for the same list once at a time."""
    text = json.dumps([url_name, sorted((url_kwargs or {}).items()), query], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def filters_query(query_dict):
    """The query string of a list's filters (`request.GET` without the page number and format)."""
    query = query_dict.copy()
    for name in NOT_FILTERS:
        query.pop(name, None)
    return query.urlencode()


def lease():
    """How long a RUNNING claim protects a job from another worker (EXPORT_LEASE_SECONDS)."""
    return timedelta(seconds=settings.EXPORT_LEASE_SECONDS)


def request_export(*, by, url_name, url_kwargs=None, query="", language=""):
    """Ask for the Excel file of the list `url_name` (with `url_kwargs`) filtered by `query`;
    returns (job, created).

    Side effects: when `by` already has an export of the same list and filters asked for or under
    way, writes nothing and returns it (enqueued again when it has waited or run longer than the
    lease: its message lost, its worker gone); otherwise creates a REQUESTED `ExportJob` and enqueues
    `portal.run_export` after the transaction commits (a broker error marks the job failed).
    """
    url_kwargs = {name: str(value) for name, value in (url_kwargs or {}).items()}
    key = list_key(url_name, url_kwargs, query)
    active = ExportJob.objects.filter(requested_by=by, list_key=key, status__in=JobStatus.active())
    with transaction.atomic():
        job = active.first()
        if job is not None:
            if _stalled(job):  # its message lost or its worker gone: send it again (claim() decides)
                transaction.on_commit(lambda: _enqueue(job.pk))
            return job, False
        try:
            with transaction.atomic():
                job = ExportJob.objects.create(
                    requested_by=by,
                    url_name=url_name,
                    url_kwargs=url_kwargs,
                    query=query,
                    list_key=key,
                    language=language or settings.LANGUAGE_CODE,
                )
        except IntegrityError:  # the same request, twice at once: the other one's job
            job = active.first()
            if job is None:
                raise
            return job, False
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job, True


def _stalled(job):
    cutoff = timezone.now() - lease()
    if job.status == JobStatus.REQUESTED:
        return job.requested_at < cutoff
    return job.claimed_at is not None and job.claimed_at < cutoff


def _enqueue(job_id):
    from .tasks import run_export

    try:
        run_export.delay(job_id=job_id)
    except Exception as error:  # noqa: BLE001 - a broker down: the job says so instead of waiting forever
        logger.exception("export job %s not enqueued", job_id)
        ExportJob.objects.filter(pk=job_id, status=JobStatus.REQUESTED).update(
            status=JobStatus.FAILED,
            error=_("The export could not be started: {error}").format(error=error)[:ERROR_MAX],
            finished_at=timezone.now(),
        )


def export_later(view):
    """The answer of a list page whose export is too large for the request: an `ExportJob` for the
    list the user is looking at, and a redirect to its page with a message.

    Side effects: `request_export` (one job, enqueued after commit) and one message."""
    request = view.request
    match = request.resolver_match
    job, created = request_export(
        by=request.user,
        url_name=match.view_name,
        url_kwargs=match.kwargs,
        query=filters_query(request.GET),
        language=translation.get_language() or "",
    )
    job.refresh_from_db()
    limit = settings.EXPORT_INLINE_MAX_ROWS
    if job.status == JobStatus.DONE:  # in-process (no broker): already made
        messages.success(request, _("Your Excel file is ready."))
    elif created:
        messages.info(
            request,
            _(
                "This list has more than {limit} rows: its Excel file is being prepared. "
                "This page shows when it is ready, and you will be notified."
            ).format(limit=limit),
        )
    else:
        messages.info(request, _("This list is already being exported: this page shows when the file is ready."))
    return HttpResponseRedirect(reverse("portal:export_detail", args=[job.pk]))


def retry_export(*, job, by):
    """Export the same list with the same filters again (a failed job, an expired or outdated file);
    returns (job, created) as `request_export`. Side effects: those of `request_export`."""
    return request_export(
        by=by,
        url_name=job.url_name,
        url_kwargs=job.url_kwargs,
        query=job.query,
        language=translation.get_language() or job.language,
    )


def claim(*, job_id):
    """Take the job for this worker (`portal.jobs.claim`, with the export lease)."""
    return jobs.claim(ExportJob, job_id=job_id, lease=lease(), rows_done=0)


def _download_name(response):
    found = re.search(r'filename="([^"]+)"', response.get("Content-Disposition", ""))
    return found.group(1) if found else DEFAULT_NAME


def _export_response(job):
    """The list's export response, built for the requester as the page would build it, and the
    number of rows the list held. Raises ExportRefused when the list cannot be exported for them."""
    from .lists import FilteredListView, list_view
    from .xlsx import progress_to

    user = job.requested_by
    if not user.is_active:
        raise ExportRefused(_("Your account is no longer active."))
    try:
        path = reverse(job.url_name, kwargs=job.url_kwargs or None)
        match = resolve(path)
    except (NoReverseMatch, Resolver404):
        raise ExportRefused(_("This list no longer exists.")) from None
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not issubclass(view_class, FilteredListView):
        raise ExportRefused(_("This list offers no Excel export."))
    try:
        view = list_view(view_class, user, job.query, check_permission=True, **match.kwargs)
    except (Http404, PermissionDenied):
        raise ExportRefused(_("You may no longer see this list.")) from None
    if not view.offers_export():
        raise ExportRefused(_("This list offers no Excel export."))
    view.request.path = path
    view.request.resolver_match = match
    rows = view.object_list
    total = rows.count()
    ExportJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(rows_total=total, rows_done=0)

    def progress(written):
        ExportJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(rows_done=min(written, total))

    with progress_to(progress):
        response = view.export(rows)
    if response is None:
        raise ExportRefused(_("This list offers no Excel export."))
    return response, total


def run_export_job(*, job_id):
    """Write a claimed job's file (the worker's side).

    Side effects: claims the row; rebuilds the list for the requester and writes its export,
    updating `rows_done` as the rows are written; stores exports/<random>.xlsx; marks the job DONE
    (file, name, rows, time) or FAILED with an error the requester can read; notifies the requester
    either way. Returns the job's final status, or None when not claimed.
    """
    if not claim(job_id=job_id):
        logger.info("export job %s: not claimable (gone, done or held by another worker)", job_id)
        return None
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    # The file and the messages in the language of the page that asked (the portal's by default).
    with translation.override(job.language or settings.LANGUAGE_CODE):
        return _run(job)


def _run(job):
    try:
        response, total = _export_response(job)
        content = response.content
        name = default_storage.save(f"{EXPORT_DIR}/{uuid.uuid4().hex}.xlsx", ContentFile(content))
    except ExportRefused as refused:
        return _fail(job, refused.message)
    except Exception as error:  # a data or programming error: the requester sees it and may retry
        logger.exception("export job %s failed", job.pk)
        return _fail(job, _("The file could not be produced: {error}").format(error=error))
    with transaction.atomic():
        finished = ExportJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
            status=JobStatus.DONE,
            file=name,
            download_name=_download_name(response)[:255],
            rows_total=total,
            rows_done=total,
            finished_at=timezone.now(),
            error="",
        )
        if not finished:  # taken over by another worker after the lease: that one's file counts
            transaction.on_commit(lambda: default_storage.delete(name))
            return None
        _tell(job, JobStatus.DONE)
    return JobStatus.DONE


def _fail(job, message):
    with transaction.atomic():
        failed = ExportJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
            status=JobStatus.FAILED, error=str(message)[:ERROR_MAX], finished_at=timezone.now()
        )
        if failed:
            _tell(job, JobStatus.FAILED)
    return JobStatus.FAILED if failed else None


def _tell(job, status):
    from .notifications import notify

    if status == JobStatus.DONE:
        subject = gettext_lazy("Your Excel export is ready")
        body = gettext_lazy("The Excel file of the list you exported is ready to download for {days} days.")
    else:
        subject = gettext_lazy("Your Excel export failed")
        body = gettext_lazy("The Excel file of the list you exported could not be produced. Open it to try again.")
    notify(
        kind=NotificationKind.EXPORT_FINISHED,
        users=[job.requested_by],
        subject=subject,
        body=format_lazy(body, days=settings.EXPORT_KEEP_DAYS),
        link=reverse("portal:export_detail", args=[job.pk]),
    )


def delete_old_exports(*, now=None):
    """Delete the files of exports finished more than EXPORT_KEEP_DAYS ago; returns how many.

    Side effects: deletes each file from storage and records `file_deleted_at` on its job (the row
    stays, so the job page says the file is gone and offers to export the list again).
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.EXPORT_KEEP_DAYS)
    old = ExportJob.objects.filter(finished_at__lt=cutoff, file_deleted_at__isnull=True).exclude(file="")
    deleted = 0
    for job in old.only("pk", "file"):
        try:
            default_storage.delete(job.file.name)
        except OSError:
            logger.exception("export file %s not deleted", job.file.name)
            continue
        deleted += ExportJob.objects.filter(pk=job.pk).update(file="", file_deleted_at=now)
    return deleted
