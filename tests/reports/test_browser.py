import pytest

from directory.models import Unit
from reports.models import Conference
from tests.factories import UserFactory
from tests.reports.conftest import make_south_west
from tests.reports.pdf import pdf_text


@pytest.mark.browser
@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_lead_produces_and_downloads_the_pdf(celery_worker_process, sign_in_page, tmp_path):
    # Another test of this session may have rendered the same summary: start with none on disk.
    for rendered in celery_worker_process.media_root.rglob("*.pdf"):
        rendered.unlink()
    term = make_south_west()
    conference = Conference.objects.get(term=term)
    lead = UserFactory(username="cumtruong", unit=Unit.objects.get(code="80"), is_unit_officer=True)
    page = sign_in_page(lead)

    page.goto(f"/reports/conferences/{conference.pk}/")
    page.click("#render-pdf")
    page.locator("#summary-status [role=status]").wait_for(state="visible", timeout=5000)
    link = page.get_by_role("link", name="Tải tệp PDF")
    link.wait_for(state="visible", timeout=60000)
    with page.expect_download() as download_info:
        link.click()
    path = tmp_path / "tom-tat.pdf"
    download_info.value.save_as(path)

    assert "Trà Vinh 17%" in pdf_text(path.read_bytes())
