"""A list export made by the real Celery worker (the test Redis and PostgreSQL): the web side records
the job and enqueues it after commit; the worker process rebuilds the list for the requester and
writes the file the web side then serves."""

import time

import pytest
from django.urls import reverse

from portal.enums import JobStatus
from portal.models import ExportJob
from tests.factories import UnitFactory, UserFactory
from tests.portal.test_export_jobs import UNITS_URL, sheet_rows


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_worker_writes_the_export(celery_worker_process, client_as, settings):
    officer = UserFactory(is_provincial_officer=True)
    for index in range(5):
        UnitFactory(name=f"Đơn vị worker xuất {index}")
    settings.EXPORT_INLINE_MAX_ROWS = 2
    client = client_as(officer)

    response = client.get(f"{UNITS_URL}?q=worker+xuat&format=xlsx")
    job = ExportJob.objects.get(requested_by=officer)
    deadline = time.monotonic() + 60
    while job.status in JobStatus.active() and time.monotonic() < deadline:
        time.sleep(0.2)
        job.refresh_from_db()
    download = client.get(reverse("portal:export_download", args=[job.pk]))

    assert response.status_code == 302
    assert job.status == JobStatus.DONE, job.error or celery_worker_process.log_path.read_text()[-2000:]
    assert (job.rows_total, job.rows_done) == (5, 5)
    names = [row[0] for row in sheet_rows(b"".join(download.streaming_content))]
    assert sorted(name for name in names if name and name.startswith("Đơn vị worker")) == [
        f"Đơn vị worker xuất {index}" for index in range(5)
    ]
