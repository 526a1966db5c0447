"""Role x URL matrix of the overview page (issue 14): the provincial office (officers and administrators)
reads it; unit officers, the council and anyone else get 403 (the figures are the province's), the
anonymous visitor is sent to sign in. A GET writes nothing (checked after each denial)."""

import pytest
from django.urls import reverse

from tests.permissions import OFFICERS, built_once_per_module, matrix_cases, run_matrix_case

MATRIX = [
    ("reports:overview", None, "get", OFFICERS, 200),
]


def build(cast):
    return {}


shared_data = built_once_per_module(build)


@pytest.fixture
def scenario(shared_data):
    return shared_data.objects


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, scenario, role, url_name, key, method, allowed, allowed_status):
    url = reverse(url_name)

    run_matrix_case(client_as(cast[role]), role, url, method, {}, allowed, allowed_status)
