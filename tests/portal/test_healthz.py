import json

import pytest
from django.utils import timezone

from portal.models import WorkerHeartbeat


@pytest.mark.django_db
def test_healthz_reports_database_and_broker(client, settings):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    expected_broker = "in-process" if settings.CELERY_TASK_ALWAYS_EAGER else "ok"
    assert body["broker"] == expected_broker


@pytest.mark.django_db
def test_healthz_reports_unreachable_broker_as_error(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"

    response = client.get("/healthz")

    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "error"
    assert body["broker"].startswith("error")


@pytest.mark.django_db
def test_healthz_shows_the_last_worker_heartbeat(client):
    seen = timezone.now()
    WorkerHeartbeat.objects.create(name="worker", last_seen=seen)

    body = json.loads(client.get("/healthz").content)

    assert body["worker_last_seen"] == seen.isoformat()
