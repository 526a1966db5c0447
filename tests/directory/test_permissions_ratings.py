"""Role x URL matrix of the ratings of duty completion (issue 12); each denial leaves the data untouched.

Officers rate anyone; a unit officer rates its own unit's people and its unit; a rating outside what a
user may see answers 404 (its existence is not told)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.models import DutyRating
from tests.factories import PersonFactory, UnitFactory
from tests.factories.directory import rate
from tests.permissions import OFFICERS, built_once_per_module, matrix_cases, run_matrix_case

RATERS = OFFICERS | {"unit_officer"}

# (url name, kwargs key, method, roles allowed, status when allowed)
MATRIX = [
    ("directory:rating_list", None, "get", RATERS, 200),
    ("directory:rating_create", None, "get", RATERS, 200),
    ("directory:rating_create", None, "post", RATERS, 302),
    ("directory:rating_edit", "own_rating", "get", RATERS, 200),
    ("directory:rating_edit", "own_rating", "post", RATERS, 302),
    ("directory:rating_edit", "other_rating", "get", OFFICERS, 200),
    ("directory:rating_edit", "other_rating", "post", OFFICERS, 302),
    ("directory:rating_delete", "own_rating", "get", RATERS, 200),
    ("directory:rating_delete", "own_rating", "post", RATERS, 302),
    ("directory:rating_delete", "other_rating", "post", OFFICERS, 302),
    ("directory:rating_import", None, "get", RATERS, 200),
    ("directory:rating_import", None, "post", RATERS, 400),
    ("directory:rating_import_template", None, "get", RATERS, 200),
    ("directory:rating_people", None, "get", RATERS, 200),
    ("directory:rating_units", None, "get", RATERS, 200),
]


def build_objects(cast):
    other = UnitFactory(name="Sở Y tế", kind="department")
    own_person = PersonFactory(unit=cast["member_unit"], full_name="Nguyễn Thị Lan")
    other_person = PersonFactory(unit=other)
    return {
        "own_person": own_person.pk,
        "own_rating": {"pk": rate(own_person, 2024)[0].pk},
        "other_rating": {"pk": rate(other_person, 2024)[0].pk},
    }


shared_data = built_once_per_module(build_objects)


def form_data(url_name, objects):
    if url_name == "directory:rating_create":
        return {
            "person": objects["own_person"],
            "year": 2025,
            "rating": "good",
            "source_document": "Quyết định số 7/QĐ-XL",
        }
    if url_name == "directory:rating_edit":
        return {"rating": "good", "source_document": "Quyết định số 8/QĐ-XL", "reason": "Nhập nhầm mức xếp loại"}
    if url_name == "directory:rating_delete":
        return {"reason": "Ghi nhầm người"}
    if url_name == "directory:rating_import":
        return {"file": SimpleUploadedFile("xep-loai.xlsx", b"not a workbook")}
    return {}


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, shared_data, role, url_name, key, method, allowed, allowed_status):
    objects = shared_data.objects
    expected = None
    if key == "other_rating" and role not in allowed and role != "anonymous":
        expected = 404  # a rating the user may not see is not found
    if key == "own_rating" and role not in allowed and role != "anonymous":
        expected = 404
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


@pytest.mark.django_db
def test_a_unit_officer_may_not_rate_another_units_person(client_as, cast, shared_data):
    other_person = PersonFactory()
    response = client_as(cast["unit_officer"]).post(
        reverse("directory:rating_create"),
        {"person": other_person.pk, "year": 2025, "rating": "good", "source_document": "QĐ 1"},
    )
    assert response.status_code == 400
    assert not DutyRating.objects.filter(person=other_person).exists()
    assert "Hãy chọn cá nhân hoặc đơn vị của đơn vị mình" in response.content.decode()
