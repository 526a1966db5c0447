"""Imports run as jobs (issue 13): the award history is checked for its columns at once, its rows by a
worker; the job's page is its requester's alone; the stored file is gone once the job has run."""

import html
import io
import time

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.domain.imports import HISTORY_HEADERS
from awards.models import AwardRecord
from portal import import_jobs
from portal.enums import JobStatus
from portal.models import ImportJob, ImportKind, ImportRecord, Notification
from portal.xlsx import workbook_bytes
from tests.factories.awards import catalogue_award
from tests.factories.directory import UnitFactory


def history_file(rows):
    """The file as Excel saves it: with the sheet's dimension, from which a job tells how many rows it has."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [HISTORY_HEADERS, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("lịch-sử.xlsx", buffer.getvalue())


def good_rows(count):
    return [[f"Người thứ {n}", "NB-SGDDT", "CSTDCS", 2020, f"{n}/QĐ", "Thường xuyên"] for n in range(count)]


def post_history(client, upload, capture):
    with capture(execute=True):  # no broker in these tests: the job runs in-process on commit
        return client.post(reverse("awards:history_import"), {"file": upload})


@pytest.fixture
def catalogue(db):
    UnitFactory(code="NB-SGDDT")
    catalogue_award("CSTDCS")


@pytest.mark.django_db
def test_an_import_job_writes_the_rows_and_its_page_says_so(
    client_as, officer, catalogue, django_capture_on_commit_callbacks
):
    client = client_as(officer)
    pending = set(default_storage.listdir("imports/pending")[1]) if default_storage.exists("imports/pending") else set()

    response = post_history(client, history_file(good_rows(12)), django_capture_on_commit_callbacks)

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("portal:import_job", args=[job.pk])
    page = html.unescape(client.get(response["Location"]).content.decode())
    assert job.status == JobStatus.DONE and 'data-status="done"' in page
    assert "Đã nhập 12 bản ghi." in page
    assert (job.rows_total, job.rows_read) == (12, 12)
    assert job.record == ImportRecord.objects.get(kind=ImportKind.AWARD_HISTORY)
    assert job.record.file_name == "lịch-sử.xlsx" and job.record.by == officer
    assert AwardRecord.objects.count() == 12
    assert not job.file and set(default_storage.listdir("imports/pending")[1]) == pending  # the stored file is gone
    notice = Notification.objects.get(recipient=officer)
    assert notice.subject == "Đã nhập xong: lịch-sử.xlsx" and notice.link == reverse("portal:import_job", args=[job.pk])


@pytest.mark.django_db
def test_a_file_without_the_columns_is_refused_at_once_and_queues_nothing(client_as, officer):
    upload = SimpleUploadedFile("x.xlsx", workbook_bytes([("Trang 1", ["Họ và tên / Tên tập thể"], [["A"]])]))

    response = client_as(officer).post(reverse("awards:history_import"), {"file": upload})

    assert response.status_code == 400
    assert "Thiếu các cột" in html.unescape(response.content.decode())
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_a_refused_job_keeps_its_row_errors_and_writes_nothing(
    client_as, officer, catalogue, django_capture_on_commit_callbacks
):
    rows = good_rows(5)
    rows[3][3] = "hai nghìn"
    client = client_as(officer)

    response = post_history(client, history_file(rows), django_capture_on_commit_callbacks)

    job = ImportJob.objects.get()
    page = html.unescape(client.get(response["Location"]).content.decode())
    assert job.status == JobStatus.FAILED and job.failed_rows == 1
    assert job.row_errors == [[5, '"hai nghìn" không phải là năm.']]
    assert "<td>5</td>" in page and "Tải lên tệp đã sửa" in page
    assert not AwardRecord.objects.exists() and not ImportRecord.objects.exists()
    assert not job.file


@pytest.mark.django_db
def test_a_job_runs_once_and_a_lost_file_fails_it_cleanly(officer, catalogue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        job = import_jobs.request_import(
            kind=ImportKind.AWARD_HISTORY, uploaded_file=history_file(good_rows(2)), by=officer
        )
    default_storage.delete(job.file.name)  # the storage lost it before a worker came

    assert import_jobs.run_job(job_id=job.pk) == JobStatus.FAILED
    assert import_jobs.run_job(job_id=job.pk) is None  # delivered twice: claimed once
    job.refresh_from_db()
    assert "lỗi không lường trước" in job.message
    assert not AwardRecord.objects.exists()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_worker_imports_a_history_file_sent_through_the_page(celery_worker_process, client_as, officer):
    UnitFactory(code="NB-SGDDT")
    catalogue_award("CSTDCS")
    client = client_as(officer)

    response = client.post(reverse("awards:history_import"), {"file": history_file(good_rows(30))})
    job = ImportJob.objects.get()
    deadline = time.monotonic() + 90
    while job.is_active and time.monotonic() < deadline:
        time.sleep(0.2)
        job.refresh_from_db()

    assert response.status_code == 302
    assert job.status == JobStatus.DONE, job.message
    assert (job.rows_total, job.rows_read) == (30, 30)
    assert AwardRecord.objects.count() == 30
    status = html.unescape(client.get(reverse("portal:import_job_status", args=[job.pk])).content.decode())
    assert "Đã nhập 30 bản ghi." in status
