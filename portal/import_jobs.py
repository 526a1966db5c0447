"""Imports too large for a web request run as jobs: request (web), claim and run (worker), state on a page.

    job = request_import(kind=ImportKind.AWARD_HISTORY, uploaded_file=upload, by=user)
    return redirect("portal:import_job", job.pk)

The request stores the file (media/imports/pending/, never served) and an ImportJob row, and enqueues
`portal.run_import_job` after the transaction commits (in-process when there is no broker: the job
has run by the time the page is shown). The worker claims the row with a conditional UPDATE, runs
the import of its kind (`RUNNERS`: the domain function, given `uploaded_file`, `by`, `progress` and
the job's `params`), all rows or none as always, and records the outcome: the ImportRecord written,
or the file's problem, or the row errors (at most IMPORT_MAX_ERRORS, the rest counted). The stored
file is deleted once the job has run. The rows read so far are written after each chunk on a
connection of their own on PostgreSQL, so the page shows them while the import's own transaction is
still open (on SQLite the job runs in the request: there is nobody to show them to).
"""

import logging
import uuid

from django.conf import settings
from django.core.files import File
from django.db import connection, connections, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from . import jobs
from .enums import JobStatus
from .errors import DomainError
from .imports import ImportFailed, ImportProgress
from .models import ImportJob, ImportKind
from .notifications import notify
from .uploads import UploadRejected, nfc

logger = logging.getLogger(__name__)

# The domain function that runs each kind of import as a job (by dotted path: portal imports no app),
# and the page to upload a corrected file on.
RUNNERS = {ImportKind.AWARD_HISTORY: "awards.domain.imports.import_history"}
UPLOAD_PAGES = {ImportKind.AWARD_HISTORY: "awards:history_import"}


def request_import(*, kind, uploaded_file, by, params=None):
    """Queue the import of `uploaded_file` (of `kind`, for `by`); returns the ImportJob.

    Side effects: stores the file under media/imports/pending/, creates the job row, enqueues
    `portal.run_import_job` once the transaction commits.
    """
    from .tasks import run_import_job

    if kind not in RUNNERS:
        raise ValueError(f"no import job runs {kind!r}")
    name = nfc(str(getattr(uploaded_file, "name", "") or "")).strip()[:255]
    with transaction.atomic():
        job = ImportJob(
            kind=kind, file_name=name, params=params or {}, requested_by=by, language=translation.get_language() or ""
        )
        uploaded_file.seek(0)
        job.file.save(f"{uuid.uuid4().hex}.xlsx", uploaded_file, save=False)
        job.save()
        transaction.on_commit(lambda: run_import_job.delay(job_id=job.pk))
    return job


def claim(*, job_id):
    """Take a requested job for this worker (`portal.jobs.claim`; an import is never retried)."""
    return jobs.claim(ImportJob, job_id=job_id, started_at=timezone.now())


class JobProgress(ImportProgress):
    """Writes the rows read on the job's row as the import goes (see the module's docstring)."""

    def __init__(self, job):
        self.job = job
        self.side = connections.create_connection("default") if connection.vendor == "postgresql" else None

    def _write(self, **values):
        if self.side is None:
            return
        columns = ", ".join(f"{name} = %s" for name in values)
        with self.side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ImportJob._meta.db_table} SET {columns} WHERE id = %s",  # noqa: S608 - names are ours
                [*values.values(), self.job.pk],
            )

    def begin(self, total):
        self.job.rows_total = total
        self._write(rows_total=total)

    def read(self, rows):
        self.job.rows_read = rows
        self._write(rows_read=rows)

    def close(self):
        if self.side is not None:
            self.side.close()


def run_job(*, job_id):
    """Run a requested import job (the worker's side); returns its final status, or None when not claimed.

    Side effects: claims the row; runs the import (which writes its rows and ImportRecord in one
    transaction, or nothing); marks the job DONE (record, counts) or FAILED (the file's problem, or
    its row errors); deletes the stored file; tells the requester in the inbox.
    """
    if not claim(job_id=job_id):
        logger.info("import job %s: not claimable (gone, or run already)", job_id)
        return None
    job = ImportJob.objects.select_related("requested_by").get(pk=job_id)
    with translation.override(job.language or settings.LANGUAGE_CODE):  # the row errors in the sender's language
        return _run(job)


def _run(job):
    job_id = job.pk
    progress = JobProgress(job)
    outcome = {"status": JobStatus.FAILED}
    try:
        runner = import_string(RUNNERS[job.kind])
        with job.file.storage.open(job.file.name, "rb") as handle:
            stored = File(handle, name=job.file_name)  # the ImportRecord names the file as it was sent
            result = runner(uploaded_file=stored, by=job.requested_by, progress=progress, **job.params)
        outcome.update(status=JobStatus.DONE, record=progress.record, message=_summary(result))
    except ImportFailed as failure:
        outcome.update(
            message=failure.message,
            row_errors=[[error.row, error.message] for error in failure.errors],
            failed_rows=failure.row_count,
            hidden_errors=failure.errors.hidden,
        )
    except (UploadRejected, DomainError) as refused:
        outcome.update(message=str(getattr(refused, "message", refused)))
    except Exception:  # a bug or the database: logged; the officer sees that it did not happen
        logger.exception("import job %s failed", job_id)
        outcome.update(message=_("The import stopped on an unexpected error; nothing was written. Please try again."))
    finally:
        progress.close()
    job.file.delete(save=False)
    ImportJob.objects.filter(pk=job_id).update(
        file="", finished_at=timezone.now(), rows_total=job.rows_total, rows_read=job.rows_read, **outcome
    )
    done = outcome["status"] == JobStatus.DONE
    notify(  # the requester may have left the page: the inbox says how it ended
        users=[job.requested_by],
        subject=(_("Imported: {file}") if done else _("Not imported: {file}")).format(file=job.file_name),
        body=outcome["message"],
        link=reverse("portal:import_job", args=[job_id]),
    )
    return outcome["status"]


def _summary(result):
    created = getattr(result, "created", 0)
    updated = getattr(result, "updated", 0)
    if updated:
        return _("Imported {created} new and {updated} updated records.").format(created=created, updated=updated)
    return _("{count} records were imported.").format(count=created)
