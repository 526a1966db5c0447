"""Large list exports run as jobs (issue 13, exports): a small list's file comes in the request;
above EXPORT_INLINE_MAX_ROWS the list becomes an ExportJob whose worker writes the same rows,
reports its progress, stores the file for its requester alone, and tells them; old files go."""

import io
import time
from datetime import timedelta

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from directory.views import UnitListView
from portal import exports
from portal.enums import JobStatus, NotificationKind
from portal.models import ExportJob, Notification
from portal.xlsx import progress_to, workbook_bytes
from tests.factories import UnitFactory
from tests.permissions import built_once_per_module, rolled_back, signed_in_client

UNITS_URL = "/directory/units/"
QUERY = "q=thu+nghiem+xuat&format=xlsx"
UNITS = 7


def sheet_rows(content):
    """Every row of the file's first sheet but the line saying when it was exported."""
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    return [row for row in sheet.iter_rows(values_only=True) if not str(row[0] or "").startswith("Xuất lúc")]


def done_job(user, *, content=b"PK fake", finished=None, name="don-vi.xlsx"):
    stored = default_storage.save(f"exports/test-{user.pk}.xlsx", ContentFile(content))
    return ExportJob.objects.create(
        requested_by=user,
        url_name="directory:unit_list",
        query="q=x",
        list_key=exports.list_key("directory:unit_list", {}, f"q=x{user.pk}{time.monotonic_ns()}"),
        status=JobStatus.DONE,
        rows_total=3,
        rows_done=3,
        file=stored,
        download_name=name,
        finished_at=finished or timezone.now(),
    )


def build_objects(cast):
    for index in range(UNITS):
        UnitFactory(name=f"Đơn vị thử nghiệm xuất {index}")
    return {"queries": measure(cast)}


def measure(cast):
    """Queries of the job list and of a job's page with 1 job and with many."""
    counts = {}
    with rolled_back():
        user = cast["officer"]
        client = signed_in_client(user)
        first = done_job(user)
        pages = [reverse("portal:export_list"), reverse("portal:export_detail", args=[first.pk])]
        one = [len_queries(client, url) for url in pages]
        for index in range(30):
            failed = done_job(user, name=f"f-{index}.xlsx")
            failed.status, failed.error, failed.file = JobStatus.FAILED, "Lỗi thử", ""
            failed.save()
        many = [len_queries(client, url) for url in pages]
        counts = dict(zip(pages, zip(one, many, strict=True), strict=True))
    return counts


def len_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


shared_data = built_once_per_module(build_objects)


@pytest.fixture
def objects(shared_data):
    return shared_data.objects


@pytest.mark.django_db
def test_the_job_pages_run_the_same_queries_with_one_job_and_many(objects):
    for url, (one, many) in objects["queries"].items():
        assert many == one, url


# ---------------------------------------------------------------------------
# Inline or job
# ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_small_list_is_exported_in_the_request(client_as, cast, settings):
    settings.EXPORT_INLINE_MAX_ROWS = UNITS

    response = client_as(cast["officer"]).get(f"{UNITS_URL}?{QUERY}")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="don-vi.xlsx"'
    assert len(sheet_rows(response.content)) == 3 + 1 + UNITS  # title lines, header, the units
    assert not ExportJob.objects.filter(requested_by=cast["officer"]).exists()


@pytest.mark.django_db
def test_a_large_list_becomes_a_job_writing_the_same_rows(
    client_as, cast, settings, django_capture_on_commit_callbacks
):
    client = client_as(cast["officer"])
    inline = client.get(f"{UNITS_URL}?{QUERY}")
    settings.EXPORT_INLINE_MAX_ROWS = UNITS - 1

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"{UNITS_URL}?{QUERY}&page=1")

    job = ExportJob.objects.get(requested_by=cast["officer"])
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:export_detail", args=[job.pk])
    assert (job.status, job.rows_total, job.rows_done, job.download_name) == (
        JobStatus.DONE,
        UNITS,
        UNITS,
        "don-vi.xlsx",
    )
    assert (job.url_name, job.url_kwargs, job.query) == ("directory:unit_list", {}, "q=thu+nghiem+xuat")
    assert job.file.name.startswith("exports/")
    download = client.get(reverse("portal:export_download", args=[job.pk]))
    content = b"".join(download.streaming_content)
    assert download["Content-Disposition"].endswith('filename="don-vi.xlsx"')
    assert sheet_rows(content) == sheet_rows(inline.content)
    notice = Notification.objects.get(recipient=cast["officer"], kind=NotificationKind.EXPORT_FINISHED)
    assert notice.link == reverse("portal:export_detail", args=[job.pk])
    page = client.get(notice.link).content.decode()
    assert "Tải về don-vi.xlsx" in page


@pytest.mark.django_db
def test_asking_twice_while_the_job_waits_gives_the_same_job(client_as, cast, settings):
    settings.EXPORT_INLINE_MAX_ROWS = 1
    client = client_as(cast["officer"])

    first = client.get(f"{UNITS_URL}?{QUERY}")  # on_commit callbacks not run: the job waits
    second = client.get(f"{UNITS_URL}?{QUERY}")
    page = client.get(first["Location"]).content.decode()

    status_box = client.get(first["Location"], headers={"HX-Request": "true"}).content.decode()

    assert first["Location"] == second["Location"]
    assert ExportJob.objects.filter(requested_by=cast["officer"]).count() == 1
    assert 'hx-trigger="every 1s"' in page and "Đang chờ" in page
    assert status_box.startswith('<div id="export-status"') and "<html" not in status_box


def test_the_writer_reports_its_progress_every_few_rows():
    seen = []

    with progress_to(seen.append, every=2):
        workbook_bytes([("S", ["a"], [[n] for n in range(5)]), ("T", ["b"], [[1]])])

    assert seen == [2, 4, 5, 6]


@pytest.mark.django_db
def test_a_failing_export_records_the_error_and_may_be_retried(
    client_as, cast, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.EXPORT_INLINE_MAX_ROWS = 1
    client = client_as(cast["officer"])

    def broken(view, rows):
        raise ValueError("ô bị hỏng")

    with monkeypatch.context() as patched, django_capture_on_commit_callbacks(execute=True):
        patched.setattr(UnitListView, "export", broken)
        client.get(f"{UNITS_URL}?{QUERY}")
    job = ExportJob.objects.get(requested_by=cast["officer"])
    page = client.get(reverse("portal:export_detail", args=[job.pk])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        retried = client.post(reverse("portal:export_retry", args=[job.pk]))

    assert job.status == JobStatus.FAILED and "ô bị hỏng" in job.error
    assert "ô bị hỏng" in page and 'id="export-retry"' in page
    again = ExportJob.objects.exclude(pk=job.pk).get(requested_by=cast["officer"])
    assert retried["Location"] == reverse("portal:export_detail", args=[again.pk])
    assert again.status == JobStatus.DONE and again.query == job.query
    told = Notification.objects.filter(recipient=cast["officer"], kind=NotificationKind.EXPORT_FINISHED)
    assert [notice.subject for notice in told.order_by("pk")] == [
        "Xuất tệp Excel không thành công",
        "Tệp Excel bạn xuất đã sẵn sàng",
    ]


@pytest.mark.django_db
def test_the_worker_exports_with_the_requester_s_own_permissions(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        refused, _created = exports.request_export(by=cast["outsider"], url_name="awards:proposal_list")
        allowed, _created = exports.request_export(by=cast["unit_officer"], url_name="awards:proposal_list")
    refused.refresh_from_db()
    allowed.refresh_from_db()

    assert (refused.status, refused.error) == (JobStatus.FAILED, "Bạn không còn được xem danh sách này.")
    assert not refused.file
    assert allowed.status == JobStatus.DONE


@pytest.mark.django_db
def test_a_list_that_no_longer_exists_fails_with_a_sentence(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job, created = exports.request_export(by=cast["officer"], url_name="directory:gone_list", query="")
    job.refresh_from_db()

    assert created and job.status == JobStatus.FAILED
    assert job.error == "Danh sách này không còn nữa."


@pytest.mark.django_db
def test_the_cleanup_deletes_old_files_only(cast):
    old = done_job(cast["officer"], finished=timezone.now() - timedelta(days=8))
    recent = done_job(cast["outsider"], finished=timezone.now() - timedelta(days=6))
    old_name, recent_name = old.file.name, recent.file.name

    deleted = exports.delete_old_exports()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert deleted == 1
    assert not default_storage.exists(old_name) and old.file_deleted_at is not None and not old.has_file
    assert default_storage.exists(recent_name) and recent.has_file


@pytest.mark.django_db
def test_a_list_of_one_object_s_rows_keeps_its_url_arguments(
    client_as, cast, settings, django_capture_on_commit_callbacks
):
    from tests.factories.clusters import scored_term

    term = scored_term(members=3, criteria=1)
    url = reverse("clusters:review_queue", args=[term.pk])
    client = client_as(cast["officer"])
    inline = client.get(f"{url}?format=xlsx")
    settings.EXPORT_INLINE_MAX_ROWS = 1

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"{url}?format=xlsx")

    job = ExportJob.objects.get(requested_by=cast["officer"])
    download = client.get(reverse("portal:export_download", args=[job.pk]))
    assert response.status_code == 302 and inline.status_code == 200
    assert (job.status, job.url_kwargs, job.rows_total) == (JobStatus.DONE, {"pk": str(term.pk)}, 3), job.error
    assert sheet_rows(b"".join(download.streaming_content)) == sheet_rows(inline.content)


@pytest.mark.django_db
def test_a_job_waiting_longer_than_its_lease_is_sent_again(cast, settings, django_capture_on_commit_callbacks):
    job, _created = exports.request_export(by=cast["officer"], url_name="directory:unit_list", query="q=x")
    ExportJob.objects.filter(pk=job.pk).update(requested_at=timezone.now() - timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        waiting, created = exports.request_export(by=cast["officer"], url_name="directory:unit_list", query="q=x")
    waiting.refresh_from_db()

    assert (waiting.pk, created, waiting.status) == (job.pk, False, JobStatus.DONE)
