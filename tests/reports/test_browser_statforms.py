"""The demo's form 0602 in a browser: open it, follow a cell to its records, download both files."""

import io

import pytest
from django.core.management import call_command

from directory.models import User
from reports.models import StatReport
from tests.reports.pdf import pdf_text


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_officer_follows_a_cell_of_form_0602_and_downloads_it(sign_in_page, settings, tmp_path):
    from openpyxl import load_workbook

    settings.PRODUCTION = False
    call_command("seed_demo", stdout=io.StringIO())
    report = StatReport.objects.get(form__code="0602.N/BNV-TĐKT", year=2025)
    total = report.values["total"]["total"]
    assert total > 0  # the demo fills the form with non-trivial numbers
    page = sign_in_page(User.objects.get(username="canbo"), password="thidua2026")

    page.goto("/reports/statistics/")
    page.get_by_role("link", name="0602.N/BNV-TĐKT").click()
    page.locator("table.statform").wait_for()
    page.locator("tr[data-row=total] td.number a").first.click()
    page.wait_for_url("**/rows/?row=total&column=total")
    assert page.locator("[data-count]").get_attribute("data-count") == str(total)
    assert page.locator("table.table tbody tr").count() == min(total, 50)

    page.go_back()
    with page.expect_download() as excel:
        page.get_by_role("link", name="Tải tệp Excel").click()
    excel_path = tmp_path / "bieu.xlsx"
    excel.value.save_as(excel_path)
    book = load_workbook(excel_path, read_only=True)
    cells = [cell for row in book.active.iter_rows(values_only=True) for cell in row if cell is not None]
    book.close()
    assert "Biểu số: 0602.N/BNV-TĐKT" in cells and total in cells
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Tải tệp PDF").click()
    pdf_path = tmp_path / "bieu.pdf"
    pdf.value.save_as(pdf_path)
    text = pdf_text(pdf_path.read_bytes())
    assert "Biểu số: 0602.N/BNV-TĐKT" in text and "Ninh Bình" in text and "Năm 2025" in text
