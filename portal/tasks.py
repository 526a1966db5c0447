import logging
import socket

from celery import shared_task
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)


@shared_task(name="portal.heartbeat")
def heartbeat():
    """Record that a worker is alive. Beat runs it every minute; /healthz shows the time."""
    WorkerHeartbeat.objects.update_or_create(
        name="worker", defaults={"last_seen": timezone.now(), "hostname": socket.gethostname()}
    )
    logger.info("worker heartbeat recorded")


@shared_task(name="portal.send_notification_email")
def send_notification_email(*, subject, body, addresses):
    """E-mail one notification, one message per address (`portal.notifications.notify` enqueues it).

    A mail error is logged, never raised: the action it tells about has already happened, and a
    retry could send the message twice to the addresses already written to."""
    messages = [EmailMessage(subject=subject, body=body, to=[address]) for address in addresses]
    try:
        get_connection().send_messages(messages)
    except Exception:  # noqa: BLE001 - a mail server down must not undo or break the action
        logger.exception("notification not sent", extra={"subject": subject, "count": len(messages)})
        return 0
    logger.info("notification sent", extra={"subject": subject, "count": len(messages)})
    return len(messages)


@shared_task(name="portal.run_import_job")
def run_import_job(*, job_id):
    """Run one import job (`portal.import_jobs`). Safe to deliver twice: a job is claimed once."""
    from .import_jobs import run_job

    return run_job(job_id=job_id)


@shared_task(name="portal.run_export")
def run_export(*, job_id):
    """Write one list export job's Excel file. Safe to run twice: a DONE job is never run again."""
    from .exports import run_export_job

    return run_export_job(job_id=job_id)


@shared_task(name="portal.delete_old_exports")
def delete_old_exports():
    """Delete exported files older than EXPORT_KEEP_DAYS (beat, daily)."""
    from . import exports

    deleted = exports.delete_old_exports()
    logger.info("old export files deleted", extra={"count": deleted})
    return deleted
