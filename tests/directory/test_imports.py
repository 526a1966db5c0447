from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from directory.domain.imports import PERSON_HEADERS, UNIT_HEADERS
from directory.models import Person, Unit
from portal.xlsx import workbook_bytes
from tests.factories import UnitFactory


def unit_row(name, code="", kind="Sở, ban, ngành cấp tỉnh", parent="", valid_from="", valid_until="", successor=""):
    return [name, "", kind, code, parent, valid_from, valid_until, successor]


def xlsx_upload(headers, rows, name="don-vi.xlsx"):
    return SimpleUploadedFile(name, workbook_bytes([("Sheet", headers, rows)]))


def post_import(client, kind, upload):
    return client.post("/directory/import/", {"kind": kind, "file": upload})


@pytest.mark.django_db
def test_import_of_500_units_with_one_bad_row_writes_nothing_and_names_the_row(client_as, officer):
    rows = [unit_row(f"Trường THCS số {n}", code=f"TH{n:03d}", kind="Trường học") for n in range(500)]
    rows[336][2] = "Loại không tồn tại"  # Excel row 338: header is row 1, data starts on row 2
    before = Unit.objects.count()

    response = post_import(client_as(officer), "units", xlsx_upload(UNIT_HEADERS, rows))

    page = response.content.decode()
    assert response.status_code == 400
    assert Unit.objects.count() == before
    assert "<td>338</td>" in page
    assert "Loại không tồn tại" in page
    assert "Chưa nhập dữ liệu nào" in page


@pytest.mark.django_db
def test_import_of_valid_units_creates_them_with_parent_and_successor_by_code(client_as, officer):
    UnitFactory(name="Ninh Bình", code="37", kind="province")
    rows = [
        unit_row("Sở Nội vụ tỉnh Ninh Bình (mới)", code="NB-SNV2", parent="37", valid_from="01/07/2025"),
        unit_row(
            "Sở Nội vụ tỉnh Nam Định", code="ND-SNV", parent="", valid_until=date(2025, 6, 30), successor="NB-SNV2"
        ),
    ]

    response = post_import(client_as(officer), "units", xlsx_upload(UNIT_HEADERS, rows))

    assert response.status_code == 302
    old = Unit.objects.get(code="ND-SNV")
    assert old.successor.code == "NB-SNV2"
    assert old.valid_until == date(2025, 6, 30)
    assert Unit.objects.get(code="NB-SNV2").parent.code == "37"
    assert Unit.objects.get(code="NB-SNV2").valid_from == date(2025, 7, 1)


@pytest.mark.django_db
def test_import_updates_a_unit_matched_by_code(client_as, officer):
    unit = UnitFactory(name="Tên cũ", code="X1")

    post_import(client_as(officer), "units", xlsx_upload(UNIT_HEADERS, [unit_row("Tên mới", code="X1")]))

    unit.refresh_from_db()
    assert unit.name == "Tên mới"
    assert Unit.objects.filter(code="X1").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "message"),
    [
        (unit_row("", code="A"), "Chưa có tên đơn vị"),
        (unit_row("Đơn vị", code="A", parent="KHONG-CO"), "KHONG-CO"),
        (unit_row("Đơn vị", code="A", valid_from="01/07/2025", valid_until="30/06/2025"), "sớm hơn ngày bắt đầu"),
        (unit_row("Đơn vị", code="A", valid_from="31/02/2025"), "31/02/2025"),
        (unit_row("Đơn vị", code="A", successor="B"), "ngày chấm dứt hoạt động"),
    ],
)
def test_import_explains_each_kind_of_bad_row_in_vietnamese(client_as, officer, row, message):
    response = post_import(client_as(officer), "units", xlsx_upload(UNIT_HEADERS, [row]))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Unit.objects.filter(code="A").exists()


@pytest.mark.django_db
def test_import_refuses_duplicate_codes_within_the_file(client_as, officer):
    rows = [unit_row("Một", code="DUP"), unit_row("Hai", code="DUP")]

    response = post_import(client_as(officer), "units", xlsx_upload(UNIT_HEADERS, rows))

    assert response.status_code == 400
    assert "<td>3</td>" in response.content.decode()
    assert not Unit.objects.filter(code="DUP").exists()


@pytest.mark.django_db
def test_import_refuses_a_text_file_renamed_to_xlsx(client_as, officer):
    upload = SimpleUploadedFile("don-vi.xlsx", "Tên đơn vị;Loại\nHà Nội;Tỉnh\n".encode())

    response = post_import(client_as(officer), "units", upload)

    assert response.status_code == 400
    assert "không phải là tệp Excel" in response.content.decode()


@pytest.mark.django_db
def test_import_refuses_a_file_over_the_size_limit(client_as, officer, settings):
    settings.IMPORT_MAX_BYTES = 1000
    upload = SimpleUploadedFile("lon.xlsx", b"PK\x03\x04" + b"0" * 2000)

    response = post_import(client_as(officer), "units", upload)

    assert response.status_code == 400
    assert "quá lớn" in response.content.decode()


@pytest.mark.django_db
def test_import_of_people_attaches_them_to_units_by_code(client_as, officer):
    UnitFactory(name="Sở Tư pháp", code="STP")
    rows = [["Phạm Thị Hoa", "Nữ", "Chuyên viên", "STP", "hoa@example.vn", "02/09/1990"]]

    response = post_import(client_as(officer), "people", xlsx_upload(PERSON_HEADERS, rows))

    assert response.status_code == 302
    person = Person.objects.get(full_name="Phạm Thị Hoa")
    assert (person.gender, person.unit.code, person.date_of_birth) == ("female", "STP", date(1990, 9, 2))


@pytest.mark.django_db
def test_import_of_people_with_unknown_gender_and_unit_lists_both_errors(client_as, officer):
    rows = [["Phạm Thị Hoa", "Khác", "Chuyên viên", "KHONG-CO", "", ""]]

    response = post_import(client_as(officer), "people", xlsx_upload(PERSON_HEADERS, rows))

    page = response.content.decode()
    assert response.status_code == 400
    assert "Khác" in page
    assert "KHONG-CO" in page
    assert not Person.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["units", "people"])
def test_import_templates_download_as_xlsx_with_the_expected_headers(client_as, officer, kind):
    import io

    import openpyxl

    response = client_as(officer).get(f"/directory/import/template/{kind}.xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[1]]
    assert headers == (UNIT_HEADERS if kind == "units" else PERSON_HEADERS)


# --- issue 14 (fields): the enterprise flag and the position tier ---
@pytest.mark.django_db
def test_import_of_units_reads_the_enterprise_flag(client_as, officer):
    rows = [
        [*unit_row("Công ty Dệt may", code="DN1", kind="Doanh nghiệp"), "x"],
        [*unit_row("Công ty Cơ khí", code="DN2", kind="Doanh nghiệp"), "Có"],
        [*unit_row("Sở Tư pháp", code="STP"), ""],
    ]

    response = post_import(client_as(officer), "units", xlsx_upload(UNIT_HEADERS, rows))

    assert response.status_code == 302
    imported = Unit.objects.filter(code__in=["DN1", "DN2", "STP"])
    assert dict(imported.values_list("code", "is_enterprise")) == {"DN1": True, "DN2": True, "STP": False}


@pytest.mark.django_db
def test_import_of_units_refuses_an_unreadable_enterprise_flag_and_writes_nothing(client_as, officer):
    rows = [[*unit_row("Công ty Dệt may", code="DN1"), "có lẽ"]]

    response = post_import(client_as(officer), "units", xlsx_upload(UNIT_HEADERS, rows))

    assert response.status_code == 400
    assert "có lẽ" in response.content.decode()
    assert not Unit.objects.filter(code="DN1").exists()


@pytest.mark.django_db
def test_import_of_units_still_reads_a_file_without_the_enterprise_column(client_as, officer):
    response = post_import(
        client_as(officer), "units", xlsx_upload(UNIT_HEADERS[:-1], [unit_row("Sở Y tế", code="SYT")])
    )

    assert response.status_code == 302
    assert Unit.objects.get(code="SYT").is_enterprise is False


@pytest.mark.django_db
def test_import_of_people_reads_the_position_tier_by_label_or_code(client_as, officer):
    UnitFactory(name="Sở Tư pháp", code="STP")
    rows = [
        ["Phạm Thị Hoa", "Nữ", "Giám đốc", "STP", "", "", "Lãnh đạo cấp vụ, sở, ngành và tương đương"],
        ["Lê Văn Nam", "Nam", "Chuyên viên", "STP", "", "", "direct_worker"],
        ["Đỗ Thị Mơ", "Nữ", "Chuyên viên", "STP", "", "", ""],
    ]

    response = post_import(client_as(officer), "people", xlsx_upload(PERSON_HEADERS, rows))

    assert response.status_code == 302
    assert dict(Person.objects.values_list("full_name", "position_tier")) == {
        "Phạm Thị Hoa": "department_leader",
        "Lê Văn Nam": "direct_worker",
        "Đỗ Thị Mơ": "",
    }


@pytest.mark.django_db
def test_import_of_people_refuses_an_unknown_tier(client_as, officer):
    UnitFactory(name="Sở Tư pháp", code="STP")
    rows = [["Phạm Thị Hoa", "Nữ", "Giám đốc", "STP", "", "", "Lãnh đạo tối cao"]]

    response = post_import(client_as(officer), "people", xlsx_upload(PERSON_HEADERS, rows))

    assert response.status_code == 400
    assert "Nhóm đối tượng &quot;Lãnh đạo tối cao&quot; không có trong danh mục." in response.content.decode()
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_people_export_has_the_tier_and_imports_back(client_as, officer):
    import io

    import openpyxl

    unit = UnitFactory(name="Sở Tư pháp", code="STP")
    Person.objects.create(full_name="Phạm Thị Hoa", gender="female", unit=unit, position_tier="business")
    Person.objects.create(full_name="Lê Văn Nam", gender="male", unit=unit)
    client = client_as(officer)

    response = client.get("/directory/people/?position_tier=business&format=xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = values.index(PERSON_HEADERS)
    assert values[header + 1 :] == [["Phạm Thị Hoa", "Nữ", None, "STP", None, None, "Doanh nhân"]]
    Person.objects.filter(full_name="Phạm Thị Hoa").update(position_tier="")
    upload = SimpleUploadedFile("ca-nhan.xlsx", response.content)
    assert post_import(client, "people", upload).status_code == 302
    assert Person.objects.get(full_name="Phạm Thị Hoa").position_tier == "business"


@pytest.mark.django_db
def test_unit_export_marks_enterprises(client_as, officer):
    import io

    import openpyxl

    UnitFactory(name="Công ty Dệt may", code="DN1", is_enterprise=True)
    UnitFactory(name="Sở Tư pháp", code="STP")

    response = client_as(officer).get("/directory/units/?enterprise=yes&format=xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows.index(UNIT_HEADERS)
    assert [(row[0], row[-1]) for row in rows[header + 1 :]] == [("Công ty Dệt may", "x")]
