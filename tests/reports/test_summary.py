import io

import pytest
from django.core.files.storage import default_storage

from portal.rendering import ExternalResourceRefused, html_to_pdf
from reports.domain import jobs
from reports.domain.summary import content_hash, summary_html
from reports.enums import RenderStatus
from reports.models import Conference, RenderJob
from tests.reports.pdf import pdf_text


@pytest.mark.django_db
def test_summary_pdf_keeps_vietnamese_text_and_figures(south_west):
    conference = Conference.objects.get(term=south_west)

    text = pdf_text(html_to_pdf(summary_html(conference)))

    assert conference.title in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "ngày 06/08/2019" in text
    assert "bình quân 8,2%" in text
    assert "Trà Vinh 17%" in text
    assert "12/12" in text
    assert "tổng 8,493 tỷ USD" in text


@pytest.mark.parametrize(
    "html",
    [
        '<link rel="stylesheet" href="file:///etc/hostname"><p>Xin chào</p>',
        '<img src="file:///etc/hostname"><p>Xin chào</p>',
        '<img src="https://example.com/logo.png"><p>Xin chào</p>',
        '<style>@import url("http://example.com/a.css");</style><p>Xin chào</p>',
    ],
)
def test_renderer_fetches_no_file_or_remote_url(html):
    with pytest.raises(ExternalResourceRefused):
        html_to_pdf(html)


def test_renderer_accepts_data_uris():
    html = (
        '<p>Biểu đồ</p><img src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=">'
    )

    assert pdf_text(html_to_pdf(html)) == "Biểu đồ"


@pytest.mark.django_db
def test_summary_html_changes_with_the_data_only(south_west):
    conference = Conference.objects.get(term=south_west)
    first = content_hash(summary_html(conference))

    assert content_hash(summary_html(conference)) == first
    conference.place = "thành phố Rạch Giá"
    conference.save()
    assert content_hash(summary_html(conference)) != first


@pytest.mark.django_db
def test_request_summary_renders_once_and_reuses_the_file(
    south_west, officer, django_capture_on_commit_callbacks, render_in_process
):
    conference = Conference.objects.get(term=south_west)

    with django_capture_on_commit_callbacks(execute=True):
        job, reused = jobs.request_summary(conference=conference, by=officer)
    job.refresh_from_db()
    again, reused_again = jobs.request_summary(conference=conference, by=officer)

    assert (job.status, reused) == (RenderStatus.DONE, False)
    assert default_storage.exists(job.file.name)
    assert (again.pk, reused_again) == (job.pk, True)
    assert RenderJob.objects.count() == 1


@pytest.mark.django_db
def test_changed_data_makes_the_pdf_stale(
    client_as, south_west, officer, django_capture_on_commit_callbacks, render_in_process
):
    conference = Conference.objects.get(term=south_west)
    with django_capture_on_commit_callbacks(execute=True):
        jobs.request_summary(conference=conference, by=officer)
    conference.title = "Hội nghị sơ kết (đã sửa)"
    conference.save()

    page = client_as(officer).get(f"/reports/conferences/{conference.pk}/summary/status/").content.decode()

    assert 'data-stale="true"' in page
    assert "đã lỗi thời" in page


@pytest.mark.django_db
def test_done_job_is_never_claimed_again(south_west, officer, django_capture_on_commit_callbacks, render_in_process):
    conference = Conference.objects.get(term=south_west)
    with django_capture_on_commit_callbacks(execute=True):
        job, _reused = jobs.request_summary(conference=conference, by=officer)

    assert jobs.run_job(job_id=job.pk) is None
    job.refresh_from_db()
    assert job.attempts == 1


@pytest.mark.django_db
def test_running_job_is_reclaimed_only_after_its_lease(south_west, officer, settings):
    conference = Conference.objects.get(term=south_west)
    job = RenderJob.objects.create(conference=conference, content_hash="a" * 64)
    assert jobs.claim(job_id=job.pk)

    assert not jobs.claim(job_id=job.pk)
    settings.REPORTS_RENDER_LEASE_SECONDS = 0
    assert jobs.claim(job_id=job.pk)


@pytest.mark.django_db
def test_failed_render_shows_the_error_to_the_officer(
    client_as, south_west, officer, monkeypatch, django_capture_on_commit_callbacks, render_in_process
):
    conference = Conference.objects.get(term=south_west)

    def broken(html):
        raise ValueError("phông chữ bị thiếu")

    monkeypatch.setattr("portal.rendering.html_to_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        job, _reused = jobs.request_summary(conference=conference, by=officer)
    job.refresh_from_db()
    page = client_as(officer).get(f"/reports/conferences/{conference.pk}/").content.decode()

    assert job.status == RenderStatus.FAILED
    assert "phông chữ bị thiếu" in page


@pytest.mark.django_db
def test_docx_download_holds_the_summary(client_as, south_west, officer):
    from docx import Document

    conference = Conference.objects.get(term=south_west)

    response = client_as(officer).get(f"/reports/conferences/{conference.pk}/summary.docx")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    cells = " ".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)

    assert conference.title in text
    assert "8,2%" in cells
    assert "Trà Vinh 17%" in cells
    assert "12/12" in cells


@pytest.mark.django_db
def test_pdf_download_before_any_render_is_not_found(client_as, south_west, officer):
    conference = Conference.objects.get(term=south_west)

    assert client_as(officer).get(f"/reports/conferences/{conference.pk}/summary.pdf").status_code == 404
