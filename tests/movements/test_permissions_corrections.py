"""Role x URL matrix of the corrections (progress edited or withdrawn, targets removed, a closed
movement reopened, a draft deleted); each denial leaves the data untouched."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from movements.enums import MovementState
from tests.factories.movements import MovementFactory, ProgressEntryFactory, TargetFactory
from tests.permissions import OFFICERS, built_once_per_module, matrix_cases, run_matrix_case

LEAD_UNIT = OFFICERS | {"unit_officer"}  # the unit officer's unit leads `led_movement`

# (url name, kwargs key, method, roles allowed, status when allowed)
MATRIX = [
    ("movements:progress_update", "entry", "get", OFFICERS, 200),
    ("movements:progress_update", "entry", "post", OFFICERS, 302),
    ("movements:progress_update", "led_entry", "get", LEAD_UNIT, 200),
    ("movements:progress_update", "led_entry", "post", LEAD_UNIT, 302),
    ("movements:progress_withdraw", "entry", "get", OFFICERS, 200),
    ("movements:progress_withdraw", "entry", "post", OFFICERS, 302),
    ("movements:progress_withdraw", "led_entry", "get", LEAD_UNIT, 200),
    ("movements:progress_withdraw", "led_entry", "post", LEAD_UNIT, 302),
    ("movements:target_remove", "target", "get", OFFICERS, 200),
    ("movements:target_remove", "target", "post", OFFICERS, 302),
    ("movements:target_remove", "led_target", "post", OFFICERS, 302),
    ("movements:movement_reopen", "closed", "get", OFFICERS, 200),
    ("movements:movement_reopen", "closed", "post", OFFICERS, 302),
    ("movements:movement_delete", "draft", "get", OFFICERS, 200),
    ("movements:movement_delete", "draft", "post", OFFICERS, 302),
]


def build_objects(cast):
    member_unit = cast["member_unit"]
    movement = MovementFactory(starts_on=date(2022, 1, 1), ends_on=date(2027, 12, 31))
    led_movement = MovementFactory(lead_unit=member_unit, starts_on=date(2022, 1, 1))
    target = TargetFactory(movement=movement)
    led_target = TargetFactory(movement=led_movement)
    entry = ProgressEntryFactory(target=target, recorded_on=date(2023, 6, 30), value=Decimal(10))
    led_entry = ProgressEntryFactory(target=led_target, recorded_on=date(2023, 6, 30), value=Decimal(10))
    closed = MovementFactory(state=MovementState.CLOSED, lead_unit=member_unit)
    draft = MovementFactory(state=MovementState.DRAFT)
    return {
        "entry": {"pk": entry.pk},
        "led_entry": {"pk": led_entry.pk},
        "target": {"pk": target.pk},
        "led_target": {"pk": led_target.pk},
        "closed": {"pk": closed.pk},
        "draft": {"pk": draft.pk},
    }


shared_data = built_once_per_module(build_objects)


def form_data(url_name):
    if url_name == "movements:progress_update":
        return {"recorded_on": "30/06/2023", "value": "12,5", "source": "Báo cáo sửa", "reason": "Gõ nhầm số liệu"}
    return {"reason": "Nhập nhầm"}


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, shared_data, role, url_name, key, method, allowed, allowed_status):
    url = reverse(url_name, kwargs=shared_data.objects[key])
    # A draft is for officers only: anyone else is told it does not exist.
    expected = 404 if key == "draft" and role not in allowed and role != "anonymous" else None

    run_matrix_case(
        client_as(cast[role]), role, url, method, form_data(url_name), allowed, allowed_status, expected=expected
    )
