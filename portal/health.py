"""The state of what the portal depends on, for /healthz."""

from django.conf import settings
from django.db import connection


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any driver error means "down"
        return False, f"error: {type(error).__name__}"
    return True, "ok"


def broker_state():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return True, "in-process"
    import redis

    try:
        client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=2, socket_timeout=2)
        client.ping()
    except Exception as error:  # any client error means "down"
        return False, f"error: {type(error).__name__}"
    return True, "ok"


def worker_state():
    """When a worker last ran the heartbeat task (None if never)."""
    from .models import WorkerHeartbeat

    heartbeat = WorkerHeartbeat.objects.filter(name="worker").first()
    return heartbeat.last_seen.isoformat() if heartbeat else None
