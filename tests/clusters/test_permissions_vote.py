"""Role x URL matrix of the vote's new screens (reopening the review, excluding members); each
denial leaves the data untouched. The unit officer's unit leads the term `own`."""

import pytest
from django.urls import reverse

from tests.factories.clusters import scored_term
from tests.permissions import OFFICERS, built_once_per_module, matrix_cases, run_matrix_case

MATRIX = [
    ("clusters:reopen_review", "own", "post", OFFICERS, 302),
    ("clusters:reopen_review", "other", "post", OFFICERS, 302),
    ("clusters:term_exclusions", "own", "get", OFFICERS, 200),
    ("clusters:term_exclusions", "own", "post", OFFICERS, 400),
    ("clusters:term_exclusions", "other", "get", OFFICERS, 200),
]


def build_objects(cast):
    own = scored_term(lead_unit=cast["member_unit"], members=3)
    other = scored_term(members=3)
    return {"own": {"pk": own.pk}, "other": {"pk": other.pk}}


shared_data = built_once_per_module(build_objects)


@pytest.fixture
def objects(shared_data):
    return shared_data.objects


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, objects, role, url_name, key, method, allowed, allowed_status):
    url = reverse(url_name, kwargs=objects[key] if key else None)

    run_matrix_case(client_as(cast[role]), role, url, method, {}, allowed, allowed_status)
