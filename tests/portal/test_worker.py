"""A real Celery worker process, on the test Redis, runs the portal's tasks."""

import time

import pytest

from portal.models import WorkerHeartbeat
from portal.tasks import heartbeat


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_runs_the_heartbeat_task(celery_worker_process, settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER is False

    heartbeat.delay()

    deadline = time.monotonic() + 30
    while not WorkerHeartbeat.objects.filter(name="worker").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    beat = WorkerHeartbeat.objects.get(name="worker")
    assert beat.hostname != ""
