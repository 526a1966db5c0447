import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from portal.xlsx import UploadRejected, open_workbook, read_table, workbook_bytes


@pytest.fixture(autouse=True)
def english():
    """These tests read the English source messages; the pages' tests check the Vietnamese."""
    with translation.override("en"):
        yield


def upload(content, name="data.xlsx"):
    return SimpleUploadedFile(name, content)


def test_open_workbook_refuses_text_renamed_to_xlsx():
    with pytest.raises(UploadRejected, match="not an Excel workbook"):
        open_workbook(upload("Tên đơn vị\nHà Nội\n".encode()), max_bytes=10_000)


def test_open_workbook_refuses_a_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("hello.txt", "xin chào")

    with pytest.raises(UploadRejected, match="not an Excel workbook"):
        open_workbook(upload(buffer.getvalue()), max_bytes=10_000)


def test_open_workbook_refuses_a_file_over_the_size_limit():
    content = workbook_bytes([("Sheet", ["A"], [["x" * 100] for _ in range(200)])])

    with pytest.raises(UploadRejected, match="limit"):
        open_workbook(upload(content), max_bytes=len(content) - 1)


def test_read_table_returns_excel_row_numbers_and_skips_empty_rows():
    content = workbook_bytes([("Sheet", ["Tên", "Mã"], [["Hà Nội", "01"], [None, None], ["Huế", "46"]])])
    workbook = open_workbook(upload(content), max_bytes=1_000_000)

    table = list(read_table(workbook, headers=["Tên", "Mã"], max_rows=10))

    assert table == [(2, {"Tên": "Hà Nội", "Mã": "01"}), (4, {"Tên": "Huế", "Mã": "46"})]


def test_read_table_names_missing_columns():
    content = workbook_bytes([("Sheet", ["Tên"], [["Hà Nội"]])])
    workbook = open_workbook(upload(content), max_bytes=1_000_000)

    with pytest.raises(UploadRejected, match="Mã"):
        read_table(workbook, headers=["Tên", "Mã"], max_rows=10)


def test_read_table_refuses_more_rows_than_the_limit():
    content = workbook_bytes([("Sheet", ["Tên"], [[f"Đơn vị {n}"] for n in range(11)])])
    workbook = open_workbook(upload(content), max_bytes=1_000_000)

    rows = read_table(workbook, headers=["Tên"], max_rows=10)  # rows are read as they are iterated

    with pytest.raises(UploadRejected):
        list(rows)


def test_workbook_bytes_round_trips_vietnamese_text():
    content = workbook_bytes([("Đơn vị", ["Tên"], [["Thành phố Hồ Chí Minh"]])])

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active

    assert sheet["A2"].value == "Thành phố Hồ Chí Minh"
    assert sheet.title == "Đơn vị"
