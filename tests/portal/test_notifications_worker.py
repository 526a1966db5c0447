"""On the real Celery worker (the test Redis), a notification's e-mail is sent by the worker process:
the web side writes the inbox row and enqueues the task after commit; the worker writes the e-mail
(its backend writes files into a folder of the test session, tests/conftest.py)."""

import time

import pytest

from portal.models import Notification
from portal.notifications import NotificationKind, notify
from tests.factories import UnitFactory, UserFactory


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_the_notification_e_mail(celery_worker_process, settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    unit = UnitFactory()
    told = UserFactory(unit=unit, is_unit_officer=True, email="donvi.worker@example.vn")
    UserFactory(unit=unit, is_unit_officer=True, email="")  # inbox only
    subject = f"Hồ sơ bị trả lại (thử worker {time.monotonic_ns()})"

    count = notify(
        kind=NotificationKind.DOSSIER_RETURNED, units=[unit], subject=subject, body="Lý do: thiếu.", link="/awards/"
    )

    assert count == 2
    assert Notification.objects.filter(subject=subject).count() == 2
    deadline = time.monotonic() + 30
    sent = []
    while not sent and time.monotonic() < deadline:
        sent = [
            path
            for path in celery_worker_process.mail_dir.glob("*.log")
            if "donvi.worker@example.vn" in path.read_text(encoding="utf-8", errors="replace")
        ]
        time.sleep(0.2)
    assert len(sent) == 1, celery_worker_process.log_path.read_text()[-2000:]
    text = sent[0].read_text(encoding="utf-8")
    assert "To: donvi.worker@example.vn" in text
    assert Notification.objects.filter(recipient=told, read_at__isnull=True).exists()
