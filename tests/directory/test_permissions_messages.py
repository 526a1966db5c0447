"""Role x URL matrix for the duplicate people page (messages, issue 11); a denial changes nothing."""

from django.urls import reverse

from tests.factories import PersonFactory
from tests.permissions import OFFICERS, built_once_per_module, matrix_cases, run_matrix_case

MATRIX = [("directory:duplicate_people", None, "get", OFFICERS, 200)]


def build_objects(cast):
    first = PersonFactory(full_name="Nguyễn Thị Ánh Tuyết", unit=cast["member_unit"])
    PersonFactory(full_name=first.full_name, unit=first.unit)
    return {}


shared_data = built_once_per_module(build_objects)


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, role, url_name, key, method, allowed, allowed_status):
    run_matrix_case(client_as(cast[role]), role, reverse(url_name), method, {}, allowed, allowed_status)
