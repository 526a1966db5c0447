"""The PDF summary rendered by a real Celery worker on the test Redis and PostgreSQL."""

import time
import uuid

import pytest
from django.core.files.storage import default_storage

from reports.domain import jobs
from reports.enums import RenderStatus
from reports.models import Conference, RenderJob
from tests.reports.conftest import make_south_west
from tests.reports.pdf import pdf_text

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def wait_for(job, statuses, *, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in statuses:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job.pk} stayed {job.status} (wanted {statuses})")


def test_worker_renders_the_south_west_summary(celery_worker_process, client_as, officer):
    term = make_south_west()
    conference = Conference.objects.get(term=term)

    response = client_as(officer).post(f"/reports/conferences/{conference.pk}/summary/")
    job = wait_for(RenderJob.objects.get(conference=conference), {RenderStatus.DONE, RenderStatus.FAILED})
    with job.file.open("rb") as handle:
        text = pdf_text(handle.read())

    assert response.status_code == 302
    assert job.status == RenderStatus.DONE, job.error
    assert conference.title in text
    assert "ngày 06/08/2019" in text
    assert "8,2%" in text
    assert "Trà Vinh" in text
    assert "17%" in text
    assert "12/12" in text


@pytest.mark.slow
def test_worker_killed_mid_render_finishes_the_job_exactly_once(celery_worker_process, officer):
    worker = celery_worker_process
    original_env = dict(worker.env)
    # Test hooks: each render sleeps first; an unacknowledged task comes back after 2 s; a
    # RUNNING claim may be taken over after 2 s.
    hooks = {"CELERY_VISIBILITY_TIMEOUT": "2", "REPORTS_RENDER_LEASE_SECONDS": "2"}
    worker.env = {**original_env, **hooks, "REPORTS_TEST_RENDER_DELAY": "5"}
    worker.restart()
    try:
        term = make_south_west()
        conference = Conference.objects.get(term=term)
        conference.title = f"{conference.title} (kiểm thử {uuid.uuid4().hex[:8]})"  # content never rendered before
        conference.save()

        job, _reused = jobs.request_summary(conference=conference, by=officer)
        wait_for(job, {RenderStatus.RUNNING}, timeout=30)
        worker.kill()
        job.refresh_from_db()
        assert (job.status, job.file.name) == (RenderStatus.RUNNING, "")

        # Kombu's Redis transport scans for unacknowledged messages when a worker starts (then
        # only every ~100 s): start the new worker once the lost message is past its timeout.
        time.sleep(2.5)
        worker.env = {**original_env, **hooks}
        worker.restart()
        job = wait_for(job, {RenderStatus.DONE, RenderStatus.FAILED})
        time.sleep(2.5)  # past another visibility timeout: no second delivery renders it again
        job.refresh_from_db()
    finally:
        worker.env = original_env
        worker.restart()

    assert job.status == RenderStatus.DONE, job.error
    assert job.attempts == 2
    assert RenderJob.objects.filter(conference=conference).count() == 1
    _folders, files = default_storage.listdir(jobs.SUMMARY_DIR)
    assert [name for name in files if name.startswith(job.content_hash)] == [f"{job.content_hash}.pdf"]
    assert not [name for name in files if name.startswith(".rendering-")]
    with job.file.open("rb") as handle:
        assert "kiểm thử" in pdf_text(handle.read())


def test_worker_counts_a_statistical_form_and_writes_its_files(celery_worker_process, client_as, officer):
    from directory.models import OfficeOrganisation
    from portal.enums import JobStatus
    from reports.domain.statforms.catalogue import install
    from reports.models import StatForm, StatReport
    from tests.factories.directory import UnitFactory

    install(StatForm)  # a transactional test's database may have been flushed of the migration's rows
    province = UnitFactory(name="Tỉnh Ninh Bình", kind="province")
    OfficeOrganisation.objects.create(name="Ban Thi đua - Khen thưởng", structure="provincial_board", unit=province)
    response = client_as(officer).post(
        "/reports/statistics/new/",
        {"code": "0604.N/BNV-TĐKT", "year": "2025", "reporting_unit": province.pk, "receiving_unit": "Bộ Nội vụ"},
    )
    report = wait_for(StatReport.objects.get(year=2025, reporting_unit=province), {JobStatus.DONE, JobStatus.FAILED})

    assert response.status_code == 302
    assert report.status == JobStatus.DONE, report.error
    assert report.values["total"]["count"] == 1 and report.values["provincial_board"]["count"] == 1
    with report.pdf.open("rb") as handle:
        text = pdf_text(handle.read())
    assert "Biểu số: 0604.N/BNV-TĐKT" in text and "Ban Thi đua - Khen thưởng thuộc Sở Nội vụ" in text
