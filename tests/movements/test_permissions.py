"""Role x URL matrix for the movements' pages; each denial leaves the data untouched."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from movements.models import MovementDocument
from tests.factories import PersonFactory, UnitFactory
from tests.factories.movements import MovementFactory, MovementReviewFactory, TargetFactory
from tests.permissions import OFFICERS, SIGNED_IN, built_once_per_module, matrix_cases, run_matrix_case

REGISTRANTS = OFFICERS | {"unit_officer"}
LEAD_UNIT = OFFICERS | {"unit_officer"}  # the unit officer's unit leads `led_movement`

# (url name, kwargs key, method, roles allowed, status when allowed)
MATRIX = [
    ("movements:movement_list", None, "get", SIGNED_IN, 200),
    ("movements:movement_detail", "movement", "get", SIGNED_IN, 200),
    ("movements:movement_create", None, "get", OFFICERS, 200),
    ("movements:movement_create", None, "post", OFFICERS, 302),
    ("movements:movement_update", "movement", "get", OFFICERS, 200),
    ("movements:movement_update", "movement", "post", OFFICERS, 302),
    ("movements:movement_transition", "movement", "post", OFFICERS, 302),
    ("movements:movement_export", "movement", "get", SIGNED_IN, 200),
    ("movements:target_create", "movement", "get", OFFICERS, 200),
    ("movements:target_create", "movement", "post", OFFICERS, 302),
    ("movements:target_update", "target", "get", OFFICERS, 200),
    ("movements:target_update", "target", "post", OFFICERS, 302),
    ("movements:progress_create", "target", "get", OFFICERS, 200),
    ("movements:progress_create", "target", "post", OFFICERS, 302),
    ("movements:progress_create", "led_target", "get", LEAD_UNIT, 200),
    ("movements:progress_create", "led_target", "post", LEAD_UNIT, 302),
    ("movements:registration_edit", "movement", "get", REGISTRANTS, 200),
    ("movements:registration_edit", "movement", "post", REGISTRANTS, 302),
    ("movements:registration_remind", "movement", "post", OFFICERS, 302),
    ("movements:registration_remind", "led_movement", "post", LEAD_UNIT, 302),
    ("movements:document_create", "movement", "get", OFFICERS, 200),
    ("movements:document_create", "movement", "post", OFFICERS, 302),
    ("movements:document_download", "document", "get", SIGNED_IN, 200),
    ("movements:review_create", "movement", "get", OFFICERS, 200),
    ("movements:review_create", "movement", "post", OFFICERS, 302),
    ("movements:review_detail", "review", "get", SIGNED_IN, 200),
    ("movements:honouree_create", "review", "post", OFFICERS, 302),
]


def build_objects(cast):
    member_unit = cast["member_unit"]
    movement = MovementFactory()
    document = MovementDocument(movement=movement, title="Kế hoạch phát động", number="79/KH-UBND")
    document.file.save("ke-hoach.pdf", ContentFile(b"%PDF-1.4 ke hoach"))
    movement.participants.add(UnitFactory(), member_unit)
    led_movement = MovementFactory(lead_unit=member_unit)
    led_movement.participants.add(UnitFactory())
    person = PersonFactory()
    return {
        "movement": {"pk": movement.pk},
        "led_movement": {"pk": led_movement.pk},
        "target": {"pk": TargetFactory(movement=movement).pk},
        "led_target": {"pk": TargetFactory(movement=led_movement).pk},
        "review": {"pk": MovementReviewFactory(movement=movement).pk},
        "document": {"pk": document.pk},
        "lead_unit": member_unit.pk,
        "other_unit": UnitFactory().pk,
        "person": person.pk,
    }


shared_data = built_once_per_module(build_objects)


@pytest.fixture
def objects(shared_data):
    return shared_data.objects


def form_data(url_name, objects):
    if url_name in ("movements:movement_create", "movements:movement_update"):
        return {
            "name": "Phong trào sửa đổi",
            "code": "PT-MATRIX",
            "level": "provincial",
            "kind": "thematic",
            "launching_authority": "UBND tỉnh",
            "starts_on": "01/01/2023",
            "ends_on": "31/12/2025",
            "lead_unit": objects["lead_unit"],
        }
    if url_name == "movements:movement_transition":
        return {"to": "interim_reviewed"}
    if url_name in ("movements:target_create", "movements:target_update"):
        return {
            "indicator": "Tỷ lệ xã nông thôn mới kiểu mẫu",
            "unit_of_measure": "%",
            "direction": "higher",
            "target_value": "25",
            "deadline": "31/12/2025",
            "reason": "Điều chỉnh theo kế hoạch mới",  # a correction of a target says why
        }
    if url_name == "movements:progress_create":
        return {"recorded_on": "30/06/2023", "value": "8,82", "source": "Báo cáo 6 tháng"}
    if url_name == "movements:registration_edit":
        return {"unit": objects["other_unit"], "commitments": "Hoàn thành các chỉ tiêu", "aimed_titles": ""}
    if url_name == "movements:review_create":
        return {"kind": "interim", "held_on": "15/07/2023", "summary": "Sơ kết"}
    if url_name == "movements:document_create":
        return {"title": "Hướng dẫn", "file": SimpleUploadedFile("huong-dan.pdf", b"%PDF-1.4 huong dan")}
    if url_name == "movements:honouree_create":
        return {"person": objects["person"], "note": "Điển hình tiên tiến"}
    return {}


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, objects, role, url_name, key, method, allowed, allowed_status):
    url = reverse(url_name, kwargs=objects[key] if key else None)

    run_matrix_case(client_as(cast[role]), role, url, method, form_data(url_name, objects), allowed, allowed_status)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["unit_officer", "council_member", "outsider"])
def test_draft_movement_is_hidden_from_non_officers(client_as, cast, role):
    draft = MovementFactory(state="draft")

    response = client_as(cast[role]).get(reverse("movements:movement_detail", args=[draft.pk]))

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["unit_officer", "council_member", "outsider"])
def test_admin_site_is_for_administrators_only(client_as, cast, role):
    response = client_as(cast[role]).get("/admin/movements/movement/")

    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "movement",
        "movementdocument",
        "target",
        "progressentry",
        "registration",
        "movementreview",
        "reviewhonouree",
    ],
)
def test_admin_lists_open_for_administrators(client_as, administrator, path):
    MovementReviewFactory()

    response = client_as(administrator).get(f"/admin/movements/{path}/?q=phong")

    assert response.status_code == 200
