import logging
import socket

from celery import shared_task
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
