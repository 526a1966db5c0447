"""The shared format pieces: official date lines, the filters line and totals row of exports, the
import reading a header below an export's title, and list counts grouped like every amount."""

import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import django_filters
import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.utils import translation

from portal.dates import official_date
from portal.xlsx import (
    INTEGER,
    NUMBER,
    Table,
    filters_line,
    open_workbook,
    read_table,
    workbook_bytes,
)


def test_official_date_lines_follow_the_decree():
    assert official_date(date(2023, 1, 5)) == "ngày 05 tháng 01 năm 2023"
    assert official_date(date(2023, 2, 28)) == "ngày 28 tháng 02 năm 2023"
    assert official_date(date(2023, 7, 15)) == "ngày 15 tháng 7 năm 2023"
    assert official_date(date(2023, 12, 9)) == "ngày 09 tháng 12 năm 2023"


class _Filters(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Tìm kiếm")
    year = django_filters.NumberFilter(label="Năm")
    state = django_filters.ChoiceFilter(label="Trạng thái", choices=[("draft", "Nháp"), ("done", "Xong")])
    since = django_filters.DateFilter(label="Từ ngày")


def _filterset(data):
    from directory.models import Unit

    filterset = _Filters(data, queryset=Unit.objects.none())
    filterset.form.is_valid()
    return filterset


def test_the_filters_line_names_each_filter_as_the_page_showed_it():
    with translation.override("vi"):
        line = filters_line(_filterset({"q": "ha noi", "year": "2023", "state": "done", "since": "05/01/2023"}))
        none = filters_line(_filterset({}))

    assert line == "Bộ lọc đã áp dụng: Tìm kiếm: ha noi; Năm: 2023; Trạng thái: Xong; Từ ngày: 05/01/2023."
    assert none == "Không áp dụng bộ lọc: gồm mọi dòng bạn được xem."
    assert filters_line(None) == filters_line(_filterset({}))


def test_a_totals_row_sums_its_columns_as_values_with_their_format():
    rows = [["A", 2023, 3, Decimal("2340000")], ["B", 2024, 1500, Decimal("1260000.5")], ["C", 2025, None, None]]
    table = Table("S", ["Tên", "Năm", "Số", "Tiền"], rows, kinds=[None, None, INTEGER, NUMBER], total_columns=(2, 3))

    with translation.override("vi"):
        sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes([table]))).worksheets[0]

    total = [sheet.cell(row=5, column=n) for n in range(1, 5)]
    assert [cell.value for cell in total] == ["Tổng cộng", None, 1503, 3600000.5]
    assert total[0].font.bold and total[2].number_format == "#,##0" and total[3].number_format == "#,##0.0"
    assert sheet.cell(row=2, column=2).number_format == "General"  # a year is never grouped
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_an_import_reads_the_header_below_an_exports_title_lines():
    table = Table("S", ["Mã", "Giá trị"], [["A1", 5]], title_rows=["Số liệu", "Xuất lúc 02/01/2026 10:04."])
    upload = SimpleUploadedFile("so-lieu.xlsx", workbook_bytes([table]))

    rows = list(read_table(open_workbook(upload), headers=["Mã", "Giá trị"], max_rows=10))

    assert rows == [(5, {"Mã": "A1", "Giá trị": 5})]


def test_an_import_without_the_columns_still_names_the_missing_ones():
    from portal.xlsx import UploadRejected

    upload = SimpleUploadedFile("x.xlsx", workbook_bytes([("S", ["Mã"], [["A1"]] * 12)]))

    with translation.override("vi"), pytest.raises(UploadRejected) as refused:
        read_table(open_workbook(upload), headers=["Mã", "Giá trị"], max_rows=20)
    assert "Giá trị" in str(refused.value)


def test_list_counts_are_grouped_like_amounts():
    """Every list heading counting its rows shows 1.500, as amounts do (years stay plain)."""
    heading = Template(
        "{% load i18n portal %}{% blocktranslate trimmed count counter=n with shown=n|number %}"
        "{{ shown }} unit{% plural %}{{ shown }} units{% endblocktranslate %}"
    )
    with translation.override("vi"):
        assert heading.render(Context({"n": 1500})) == "1.500 đơn vị"
    templates = [path for path in Path(settings.BASE_DIR).glob("*/templates/**/*.html") if ".venv" not in path.parts]
    ungrouped = [
        str(path.relative_to(settings.BASE_DIR))
        for path in templates
        if re.search(r"count counter=paginator\.count(?! with shown=paginator\.count\|number)", path.read_text())
    ]
    assert ungrouped == []


def test_pasted_control_characters_and_objects_are_written_as_plain_text():
    class Named:
        def __str__(self):
            return "=1+1 đơn vị"

    rows = [["Báo cáo\x0b năm 2023\x00", '\x0b=HYPERLINK("http://x")', Named()]]
    table = Table("S", ["a", "b", "c"], rows, title_rows=["=Tiêu đề\x01"])

    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes([table]))).worksheets[0]

    assert [cell.value for cell in sheet[4]] == ["Báo cáo năm 2023", '=HYPERLINK("http://x")', "=1+1 đơn vị"]
    assert [cell.quotePrefix for cell in sheet[4]] == [False, True, True]
    assert sheet["A1"].value == "=Tiêu đề" and sheet["A1"].quotePrefix
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row if cell.value is not None)
