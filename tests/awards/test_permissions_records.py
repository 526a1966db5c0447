"""Role x URL matrix of the award record correction page (issue 14): provincial officers (and
administrators, who are officers) correct; a unit officer, a council member or an outsider is refused."""

from django.urls import reverse

from tests.factories.awards import AwardRecordFactory
from tests.permissions import OFFICERS, built_once_per_module, matrix_cases, run_matrix_case

# (url name, kwargs key, method, roles allowed, status when allowed)
MATRIX = [
    ("awards:record_edit", "record", "get", OFFICERS, 200),
    ("awards:record_edit", "record", "post", OFFICERS, 302),
]


def build_objects(cast):
    return {"record": {"pk": AwardRecordFactory(person__unit=cast["member_unit"]).pk}}


shared_data = built_once_per_module(build_objects)


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, shared_data, role, url_name, key, method, allowed, allowed_status):
    objects = shared_data.objects
    data = {"position_tier": "direct_worker", "commendation_type": "regular", "reason": "Bổ sung nhóm đối tượng"}
    run_matrix_case(
        client_as(cast[role]),
        role,
        reverse(url_name, kwargs=objects[key]),
        method,
        data,
        allowed,
        allowed_status,
    )
