"""The shared Excel writer: title rows above the header, dd/mm/yyyy dates, Vietnamese-looking
number formats on real number cells, and text that never becomes a formula."""

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation

from portal.xlsx import INTEGER, TEXT, Table, export_title, number_format_for, workbook_bytes, xlsx_response
from tests.factories import UserFactory


def load(content):
    return openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]


def test_a_table_with_title_rows_puts_the_header_below_them():
    table = Table(
        "Xếp hạng", ["Đơn vị", "Điểm"], [["Tỉnh A", Decimal("60.43")]], title_rows=["Khối thi đua X", "Xếp hạng"]
    )

    sheet = load(workbook_bytes([table]))

    assert [sheet.cell(row=n, column=1).value for n in (1, 2, 3, 4, 5)] == [
        "Khối thi đua X",
        "Xếp hạng",
        None,
        "Đơn vị",
        "Tỉnh A",
    ]
    assert sheet.cell(row=1, column=1).font.bold and sheet.cell(row=4, column=1).font.bold
    assert sheet.freeze_panes == "A5"
    assert sheet.cell(row=5, column=2).value == pytest.approx(60.43)


def test_tuples_without_a_title_keep_the_header_in_the_first_row():
    sheet = load(workbook_bytes([("Trang 1", ["Tên"], [["Hà Nội"]])]))

    assert (sheet["A1"].value, sheet["A2"].value, sheet.freeze_panes) == ("Tên", "Hà Nội", "A2")


def test_numbers_are_number_cells_with_their_own_decimals_and_grouping():
    rows = [[Decimal("50985.5"), Decimal("60.43"), Decimal("12"), 2026, 1500]]
    sheet = load(
        workbook_bytes([Table("S", ["a", "b", "c", "year", "count"], rows, kinds=[None, None, None, None, INTEGER])])
    )

    cells = [sheet.cell(row=2, column=n) for n in range(1, 6)]
    assert [cell.data_type for cell in cells] == ["n"] * 5
    assert [cell.number_format for cell in cells] == ["#,##0.0", "#,##0.00", "#,##0", "General", "#,##0"]
    assert number_format_for(Decimal("8.20")) == "#,##0.0"


def test_dates_and_local_datetimes_show_day_month_year(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    moment = datetime(2026, 11, 21, 2, 30, tzinfo=UTC)  # 09:30 in Hà Nội
    sheet = load(workbook_bytes([Table("S", ["d", "t"], [[date(2026, 11, 21), moment]])]))

    assert sheet["A2"].number_format == "dd/mm/yyyy"
    assert sheet["B2"].number_format == "dd/mm/yyyy hh:mm"
    assert sheet["B2"].value == datetime(2026, 11, 21, 9, 30)


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "=1+1"])
def test_text_that_looks_like_a_formula_is_written_as_text(text):
    sheet = load(workbook_bytes([Table("S", ["Ghi chú"], [[text]], kinds=[TEXT])]))

    cell = sheet["A2"]
    assert (cell.value, cell.data_type) == (text, "s")
    assert cell.quotePrefix
    raw = io.BytesIO(workbook_bytes([("S", ["Ghi chú"], [[text]])]))
    import zipfile

    with zipfile.ZipFile(raw) as package:
        xml = package.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml


@pytest.mark.django_db
def test_export_title_says_what_when_and_who(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    user = UserFactory(full_name="Nguyễn Văn A")
    with translation.override("vi"):
        lines = export_title(
            "Xếp hạng", context=["Khối thi đua X, năm 2024"], by=user, at=datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
        )

    assert lines == ["Khối thi đua X, năm 2024", "Xếp hạng", "Xuất lúc 02/01/2026 10:04, người xuất: Nguyễn Văn A."]


def test_xlsx_response_adds_the_title_rows_to_plain_sheets():
    response = xlsx_response("x.xlsx", [("S", ["Tên"], [["Huế"]])], title_rows=["Tiêu đề"])

    sheet = load(response.content)
    assert (sheet["A1"].value, sheet["A3"].value, sheet["A4"].value) == ("Tiêu đề", "Tên", "Huế")
    assert response["Content-Disposition"] == 'attachment; filename="x.xlsx"'
