"""Role x URL matrix for the award catalogue page (issue 12, types): officers only; a denial changes nothing."""

from django.urls import reverse

from tests.factories.awards import catalogue_award
from tests.permissions import OFFICERS, built_once_per_module, matrix_cases, run_matrix_case

# (url name, kwargs key, method, roles allowed, status when allowed)
MATRIX = [
    ("awards:award_catalogue", None, "get", OFFICERS, 200),
]


def build_objects(cast):
    catalogue_award("CTD-CP")
    return {None: {}}


shared_data = built_once_per_module(build_objects)


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, shared_data, role, url_name, key, method, allowed, allowed_status):
    url = reverse(url_name, kwargs=shared_data.objects[key] or None)

    run_matrix_case(client_as(cast[role]), role, url, method, {}, allowed, allowed_status)
