"""Issue 14 (fields): the office's organisations and civil servants (forms 0604.N, 0605.N): saving with a
reason, deleting, the list filters, the Excel import (all rows or none) and the export."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from directory.domain.office import STAFF_HEADERS, OfficeError, delete_office_row, import_staff
from directory.models import OfficeOrganisation, OfficeStaff
from portal.audit import history_for
from portal.imports import ImportFailed
from portal.xlsx import workbook_bytes

pytestmark = pytest.mark.django_db
BOARD = "Ban Thi đua - Khen thưởng tỉnh"


def board(**fields):
    return OfficeOrganisation.objects.create(name=BOARD, structure="provincial_board", **fields)


def staff(organisation, full_name="Nguyễn Thị Hạnh", **fields):
    values = {"gender": "female", "birth_year": 1985, "training": "university", "in_work_since": 2012}
    return OfficeStaff.objects.create(full_name=full_name, organisation=organisation, **{**values, **fields})


def upload(rows, headers=STAFF_HEADERS):
    return SimpleUploadedFile("cong-chuc.xlsx", workbook_bytes([("Sheet", headers, rows)]))


def test_an_officer_creates_and_corrects_an_organisation_with_the_reason_in_its_history(client_as, officer):
    client = client_as(officer)
    created = client.post(
        "/directory/office/organisations/new/", {"name": "Ban Thi đua", "structure": "provincial_board", "reason": ""}
    )
    organisation = OfficeOrganisation.objects.get()

    corrected = client.post(
        f"/directory/office/organisations/{organisation.pk}/edit/",
        {"name": BOARD, "structure": "provincial_board", "reason": "Tên theo Quyết định 12/QĐ-UBND"},
    )

    assert created.status_code == corrected.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == BOARD
    assert history_for(organisation)[0].reason == "Tên theo Quyết định 12/QĐ-UBND"
    page = client.get(f"/directory/office/organisations/{organisation.pk}/").content.decode()
    assert "Tên theo Quyết định 12/QĐ-UBND" in page


def test_a_correction_needs_its_reason_and_dates_in_order(client_as, officer):
    organisation = board()
    client = client_as(officer)
    url = f"/directory/office/organisations/{organisation.pk}/edit/"

    no_reason = client.post(url, {"name": "Ban mới", "structure": "provincial_board", "reason": ""})
    reversed_dates = client.post(
        url,
        {
            "name": "Ban mới",
            "structure": "provincial_board",
            "established_on": "01/07/2025",
            "dissolved_on": "01/01/2025",
            "reason": "Giải thể",
        },
    )

    assert no_reason.status_code == reversed_dates.status_code == 400
    assert "Ngày giải thể của tổ chức không được trước ngày thành lập." in reversed_dates.content.decode()
    organisation.refresh_from_db()
    assert organisation.name == BOARD


def test_a_civil_servant_cannot_have_begun_the_work_before_birth(client_as, officer):
    organisation = board()
    data = {
        "full_name": "Trần Văn Bình",
        "gender": "male",
        "birth_year": "1990",
        "training": "college",
        "in_work_since": "1980",
        "organisation": organisation.pk,
    }

    response = client_as(officer).post("/directory/office/staff/new/", data)

    assert response.status_code == 400
    assert not OfficeStaff.objects.exists()


def test_an_organisation_with_civil_servants_is_not_deleted(officer):
    organisation = board()
    person = staff(organisation)

    with pytest.raises(OfficeError, match="chuyển hoặc xóa"):
        delete_office_row(row=organisation, reason="Giải thể", by=officer)
    delete_office_row(row=person, reason="Nghỉ hưu", by=officer)
    delete_office_row(row=organisation, reason="Giải thể", by=officer)

    assert not OfficeOrganisation.objects.exists()


def test_the_lists_filter_by_year_training_gender_and_organisation(client_as, officer):
    from datetime import date

    current = board(established_on=date(2025, 7, 1))
    old = OfficeOrganisation.objects.create(
        name="Phòng cũ",
        structure="provincial_division",
        established_on=date(2010, 1, 1),
        dissolved_on=date(2025, 6, 30),
    )
    staff(current, "Nguyễn Thị Hạnh")
    staff(
        current, "Lê Văn Nam", gender="male", training="college", left_on=date(2024, 5, 1), joined_on=date(2020, 1, 1)
    )
    client = client_as(officer)

    in_2024 = client.get("/directory/office/organisations/?year=2024").content.decode()
    in_2025 = client.get("/directory/office/organisations/?year=2025").content.decode()
    women = client.get(f"/directory/office/staff/?gender=female&organisation={current.pk}").content.decode()
    college_2025 = client.get("/directory/office/staff/?training=college&year=2025").content.decode()

    assert "Phòng cũ" in in_2024 and BOARD not in in_2024
    assert BOARD in in_2025 and "Phòng cũ" not in in_2025
    assert "Nguyễn Thị Hạnh" in women and "Lê Văn Nam" not in women
    assert "Lê Văn Nam" not in college_2025
    assert old.pk


def test_the_import_creates_and_updates_civil_servants(officer):
    organisation = board()
    staff(organisation, "Nguyễn Thị Hạnh", training="college")
    rows = [
        ["Nguyễn Thị Hạnh", "Nữ", 1985, "Đại học", 2012, "ban thi dua - khen thuong tinh", "01/03/2012", ""],
        ["Trần Văn Bình", "Nam", 1990, "postgraduate", 2015, BOARD, "", ""],
    ]

    result = import_staff(uploaded_file=upload(rows), by=officer)

    assert (result.created, result.updated) == (1, 1)
    assert dict(OfficeStaff.objects.values_list("full_name", "training")) == {
        "Nguyễn Thị Hạnh": "university",
        "Trần Văn Bình": "postgraduate",
    }


def test_the_import_writes_nothing_when_a_row_is_wrong_and_names_each_problem(officer):
    board()
    rows = [
        ["Trần Văn Bình", "Nam", 1990, "Đại học", 2015, BOARD, "", ""],
        ["Lê Thị Hoa", "Nữ", 1990, "Tiến sĩ khoa học", 1980, "Ban không có", "", ""],
    ]

    with pytest.raises(ImportFailed) as failure:
        import_staff(uploaded_file=upload(rows), by=officer)

    messages = " ".join(error.message for error in failure.value.errors)
    assert "Tiến sĩ khoa học" in messages
    assert "Ban không có" in messages
    assert not OfficeStaff.objects.exists()


def test_the_staff_export_imports_back(client_as, officer):
    organisation = board()
    staff(organisation, "Nguyễn Thị Hạnh")
    client = client_as(officer)

    response = client.get("/directory/office/staff/?format=xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows.index(STAFF_HEADERS)
    assert rows[header + 1][:6] == ["Nguyễn Thị Hạnh", "Nữ", 1985, "Đại học", 2012, BOARD]
    result = import_staff(uploaded_file=SimpleUploadedFile("x.xlsx", response.content), by=officer)
    assert (result.created, result.updated) == (0, 1)


def test_the_organisation_export_counts_its_civil_servants(client_as, officer):
    organisation = board()
    staff(organisation, "Nguyễn Thị Hạnh")
    staff(organisation, "Trần Văn Bình", gender="male")

    response = client_as(officer).get("/directory/office/organisations/?format=xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert [BOARD, "Ban Thi đua - Khen thưởng thuộc Sở Nội vụ", None, None, None, 2] in rows


def test_the_menu_offers_the_office_to_officers_only(client_as, officer, unit_officer):
    officer_page = client_as(officer).get("/").content.decode()
    unit_page = client_as(unit_officer).get("/").content.decode()

    assert "/directory/office/staff/" in officer_page and "/directory/office/organisations/" in officer_page
    assert "/directory/office/" not in unit_page
