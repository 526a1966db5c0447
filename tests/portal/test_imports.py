"""The one import pipeline: declared columns, row errors naming the row, NFC, bounds, all or nothing."""

import html
import unicodedata
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.domain.imports import UNIT_HEADERS
from directory.models import Unit
from portal.imports import NUMBER, Column, ImportFailed, ImportSpec, run_import
from portal.uploads import UploadRejected
from portal.xlsx import workbook_bytes

# The same list as the numbers module's tests: (what an officer types, the value, or None when refused).
NUMBER_CASES = [
    ("8.493", Decimal("8493")),
    ("8.493,5", Decimal("8493.5")),
    ("1,32", Decimal("1.32")),
    ("1.5", Decimal("1.5")),
    ("1.000", Decimal("1000")),
    ("1,5,5", None),
    ("9999999999,99999", None),  # IndicatorValue.value keeps 10 digits before the mark: too large
    ("1e30", None),
]


def xlsx(headers, rows, name="du-lieu.xlsx"):
    return SimpleUploadedFile(name, workbook_bytes([("Trang 1", headers, rows)]))


def unit_row(name, code="", kind="Sở, ban, ngành cấp tỉnh"):
    return [name, "", kind, code, "", "", "", ""]


def post_units(client, rows):
    response = client.post(reverse("directory:import"), {"kind": "units", "file": xlsx(UNIT_HEADERS, rows)})
    return response, html.unescape(response.content.decode())


@pytest.mark.django_db
def test_a_forty_character_unit_code_is_a_row_error_naming_the_row(client_as, officer):
    rows = [unit_row("Sở Tư pháp", code="TP"), unit_row("Sở Y tế", code="X" * 40)]

    response, page = post_units(client_as(officer), rows)

    assert response.status_code == 400
    assert "<td>3</td>" in page
    assert "Mã đơn vị dài 40 ký tự; chỉ được tối đa 20 ký tự." in page
    assert not Unit.objects.exclude(code="NB-SNV").exists()  # the officer's own unit only


@pytest.mark.django_db
def test_a_ten_thousand_character_name_is_a_row_error_not_a_database_error(client_as, officer):
    response, page = post_units(client_as(officer), [unit_row("Đ" * 10_000, code="A")])

    assert response.status_code == 400
    assert "<td>2</td>" in page
    assert "Tên đơn vị dài 10000 ký tự; chỉ được tối đa 255 ký tự." in page
    assert not Unit.objects.exclude(code="NB-SNV").exists()  # the officer's own unit only


@pytest.mark.django_db
def test_over_long_values_are_refused_on_postgresql(client_as, officer, postgresql):
    rows = [unit_row("Đ" * 10_000, code="X" * 40)]

    response, page = post_units(client_as(officer), rows)

    assert response.status_code == 400
    assert "10000 ký tự" in page and "40 ký tự" in page
    assert not Unit.objects.exclude(code="NB-SNV").exists()  # the officer's own unit only


@pytest.mark.django_db
def test_an_over_long_award_history_name_is_refused(client_as, officer, postgresql, django_capture_on_commit_callbacks):
    from awards.domain.imports import HISTORY_HEADERS
    from awards.models import AwardRecord

    rows = [["Trần " * 2000, "", "CSTDCS", 2023, "1/QĐ", ""]]
    client = client_as(officer)
    with django_capture_on_commit_callbacks(execute=True):  # the history is imported by a job
        response = client.post(reverse("awards:history_import"), {"file": xlsx(HISTORY_HEADERS, rows)})

    assert "chỉ được tối đa 255 ký tự" in html.unescape(client.get(response["Location"]).content.decode())
    assert not AwardRecord.objects.exists()


@pytest.mark.django_db
def test_cells_written_decomposed_are_stored_composed(client_as, officer):
    name = "Sở Tài nguyên và Môi trường tỉnh Hà Nam"
    decomposed = unicodedata.normalize("NFD", name)
    headers = [unicodedata.normalize("NFD", header) for header in UNIT_HEADERS]  # a Mac's Excel
    client = client_as(officer)

    response = client.post(
        reverse("directory:import"), {"kind": "units", "file": xlsx(headers, [unit_row(decomposed, code="HN-STNMT")])}
    )

    assert response.status_code == 302
    assert decomposed != name
    assert Unit.objects.get(code="HN-STNMT").name == name


@pytest.mark.django_db
def test_an_import_refuses_more_rows_than_the_limit(client_as, officer, settings):
    settings.IMPORT_MAX_ROWS = 3

    response, page = post_units(client_as(officer), [unit_row(f"Đơn vị {n}", code=f"U{n}") for n in range(4)])

    assert response.status_code == 400
    assert "nhiều hơn 3 dòng" in page
    assert not Unit.objects.exclude(code="NB-SNV").exists()


@pytest.mark.django_db
def test_a_row_error_found_after_writing_rolls_everything_back():
    spec = ImportSpec(Column("Tên", "name", field=Unit._meta.get_field("name"), required=True))

    def apply(batch):
        for row in batch.rows:
            Unit.objects.create(name=row["name"], kind="province")
        batch.error(batch.rows[-1], "Dòng cuối sai.")

    with pytest.raises(ImportFailed) as failure:
        run_import(xlsx(["Tên"], [["Hà Nam"], ["Nam Định"]]), spec=spec, apply=apply)

    assert [(error.row, error.message) for error in failure.value.errors] == [(3, "Dòng cuối sai.")]
    assert not Unit.objects.exists()


def test_a_number_column_reads_within_the_bounds_of_its_field():
    from reports.models import IndicatorValue

    column = Column("Giá trị", "value", kind=NUMBER, field=IndicatorValue._meta.get_field("value"))

    assert column.read("8.493,5") == Decimal("8493.5")
    assert column.read(8.2) == Decimal("8.2")
    assert column.read("") is None


def test_an_import_of_something_else_is_refused_as_a_file():
    spec = ImportSpec(Column("Tên", "name"))

    with pytest.raises(UploadRejected, match="không phải là tệp Excel"):
        run_import(SimpleUploadedFile("a.xlsx", b"%PDF-1.4"), spec=spec, apply=lambda batch: None)


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "expected"), NUMBER_CASES)
def test_member_report_figures_import_reads_numbers_by_the_one_rule(
    client_as, unit_officer, member_unit, postgresql, text, expected
):
    from reports.domain.member_reports import TEMPLATE_HEADERS
    from reports.models import IndicatorValue
    from tests.factories.reports import IndicatorFactory, MemberReportFactory, term_with_members

    report = MemberReportFactory(term=term_with_members(members=[member_unit]), unit=member_unit)
    IndicatorFactory(code="thu-ngan-sach")
    upload = xlsx(TEMPLATE_HEADERS, [["thu-ngan-sach", "Thu ngân sách", "tỷ đồng", text]])

    response = client_as(unit_officer).post(
        reverse("reports:report_upload", args=[report.pk]), {"file": upload}, follow=True
    )

    page = html.unescape(response.content.decode())
    stored = IndicatorValue.objects.filter(report=report).first()
    if expected is None:
        assert stored is None
        assert "Dòng 2:" in page
    else:
        assert stored.value == expected
        IndicatorValue.objects.get(pk=stored.pk)  # what was stored loads back
        assert "Đã nhập số liệu" in page


# --- issue 14 (fields): a column added to a template later may be missing from older files ---
OPTIONAL_SPEC = ImportSpec(
    Column("Tên", "name", required=True),
    Column("Ghi chú", "note", optional_header=True),
)


def _names_and_notes(batch):
    return [(row["name"], row["note"]) for row in batch.rows]


@pytest.mark.django_db
def test_an_optional_column_is_read_when_present_and_blank_when_the_file_lacks_it():
    with_it = run_import(xlsx(["Tên", "Ghi chú"], [["An", "mới"]]), spec=OPTIONAL_SPEC, apply=_names_and_notes)
    without_it = run_import(xlsx(["Tên"], [["Bình"]]), spec=OPTIONAL_SPEC, apply=_names_and_notes)

    assert with_it == [("An", "mới")]
    assert without_it == [("Bình", "")]
    assert OPTIONAL_SPEC.headers == ["Tên", "Ghi chú"]  # the template and exports still write it


@pytest.mark.django_db
def test_a_required_column_is_still_refused_when_missing():
    with pytest.raises(UploadRejected, match="Tên"):
        run_import(xlsx(["Ghi chú"], [["mới"]]), spec=OPTIONAL_SPEC, apply=_names_and_notes)
