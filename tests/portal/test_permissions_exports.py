"""Role x URL matrix for export jobs (issue 13, exports): a job, its page, its file and its retry are
its requester's alone; anyone else, administrators included, gets 404 as if it did not exist."""

import pytest
from django.urls import reverse

from tests.permissions import SIGNED_IN, built_once_per_module, matrix_cases, run_matrix_case
from tests.portal.test_export_jobs import done_job

# (url name, kwargs key, method, roles allowed, status when allowed)
MATRIX = [
    ("portal:export_list", None, "get", SIGNED_IN, 200),
    ("portal:export_detail", "unit_officer_job", "get", {"unit_officer"}, 200),
    ("portal:export_download", "unit_officer_job", "get", {"unit_officer"}, 200),
    ("portal:export_retry", "unit_officer_job", "post", {"unit_officer"}, 302),
]


def build_objects(cast):
    return {"unit_officer_job": {"pk": done_job(cast["unit_officer"]).pk}}


shared_data = built_once_per_module(build_objects)


@pytest.fixture
def objects(shared_data):
    return shared_data.objects


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, objects, role, url_name, key, method, allowed, allowed_status):
    expected = 404 if key and role not in allowed and role != "anonymous" else None
    url = reverse(url_name, kwargs=objects[key] if key else None)

    run_matrix_case(client_as(cast[role]), role, url, method, {}, allowed, allowed_status, expected=expected)


@pytest.mark.django_db
def test_another_person_s_job_is_not_listed(client_as, cast, objects):
    page = client_as(cast["administrator"]).get(reverse("portal:export_list")).content.decode()
    mine = client_as(cast["unit_officer"]).get(reverse("portal:export_list")).content.decode()

    pk = objects["unit_officer_job"]["pk"]
    assert f'data-export="{pk}"' not in page
    assert f'data-export="{pk}"' in mine
