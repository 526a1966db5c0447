"""Role x URL matrix of the office's organisations and civil servants (issue 14): officers only; a unit
officer, a council member or an outsider is refused (a row they may not see is not found)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.models import OfficeOrganisation, OfficeStaff
from tests.permissions import OFFICERS, built_once_per_module, matrix_cases, run_matrix_case

# (url name, kwargs key, method, roles allowed, status when allowed)
MATRIX = [
    ("directory:office_organisation_list", None, "get", OFFICERS, 200),
    ("directory:office_organisation_create", None, "get", OFFICERS, 200),
    ("directory:office_organisation_create", None, "post", OFFICERS, 302),
    ("directory:office_organisation_detail", "organisation", "get", OFFICERS, 200),
    ("directory:office_organisation_edit", "organisation", "get", OFFICERS, 200),
    ("directory:office_organisation_edit", "organisation", "post", OFFICERS, 302),
    ("directory:office_organisation_delete", "empty_organisation", "get", OFFICERS, 200),
    ("directory:office_organisation_delete", "empty_organisation", "post", OFFICERS, 302),
    ("directory:office_staff_list", None, "get", OFFICERS, 200),
    ("directory:office_staff_create", None, "get", OFFICERS, 200),
    ("directory:office_staff_create", None, "post", OFFICERS, 302),
    ("directory:office_staff_detail", "staff", "get", OFFICERS, 200),
    ("directory:office_staff_edit", "staff", "get", OFFICERS, 200),
    ("directory:office_staff_edit", "staff", "post", OFFICERS, 302),
    ("directory:office_staff_delete", "staff", "get", OFFICERS, 200),
    ("directory:office_staff_delete", "staff", "post", OFFICERS, 302),
    ("directory:office_staff_import", None, "get", OFFICERS, 200),
    ("directory:office_staff_import", None, "post", OFFICERS, 400),
    ("directory:office_staff_import_template", None, "get", OFFICERS, 200),
]
OBJECT_KEYS = {"organisation", "empty_organisation", "staff"}


def build_objects(cast):
    organisation = OfficeOrganisation.objects.create(name="Ban Thi đua - Khen thưởng", structure="provincial_board")
    empty = OfficeOrganisation.objects.create(name="Phòng Khen thưởng", structure="provincial_division")
    staff = OfficeStaff.objects.create(
        full_name="Nguyễn Thị Hạnh",
        gender="female",
        birth_year=1985,
        training="university",
        in_work_since=2012,
        organisation=organisation,
    )
    return {
        "organisation": {"pk": organisation.pk},
        "empty_organisation": {"pk": empty.pk},
        "staff": {"pk": staff.pk},
    }


shared_data = built_once_per_module(build_objects)


def form_data(url_name, objects):
    if "delete" in url_name:
        return {"reason": "Ghi nhầm"}
    if url_name.startswith("directory:office_organisation"):
        return {"name": "Phòng Thi đua", "structure": "provincial_division", "reason": "Đổi tên theo quyết định"}
    if url_name == "directory:office_staff_import":
        return {"file": SimpleUploadedFile("cong-chuc.xlsx", b"not a workbook")}
    return {
        "full_name": "Trần Văn Bình",
        "gender": "male",
        "birth_year": "1990",
        "training": "college",
        "in_work_since": "2015",
        "organisation": objects["organisation"]["pk"],
        "reason": "Sửa năm sinh",
    }


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, shared_data, role, url_name, key, method, allowed, allowed_status):
    objects = shared_data.objects
    expected = None
    if key in OBJECT_KEYS and role not in allowed and role != "anonymous":
        expected = 404  # rows only officers see are not found for anyone else
    url = reverse(url_name, kwargs=objects[key] if key else None)
    run_matrix_case(
        client_as(cast[role]),
        role,
        url,
        method,
        form_data(url_name, objects),
        allowed,
        allowed_status,
        expected=expected,
    )
