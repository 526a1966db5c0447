"""Role x URL matrix for an import job's page (issue 13): its requester's alone; a denial changes nothing."""

from django.urls import reverse

from portal.enums import JobStatus
from portal.models import ImportJob, ImportKind
from tests.permissions import built_once_per_module, matrix_cases, run_matrix_case

# The job's page is its requester's alone: another officer and the administrator get a 404.
MATRIX = [
    ("portal:import_job", "officer's job", "get", {"officer"}, 200),
    ("portal:import_job_status", "officer's job", "get", {"officer"}, 200),
]


def build_jobs(cast):
    job = ImportJob.objects.create(
        kind=ImportKind.AWARD_HISTORY, file_name="x.xlsx", requested_by=cast["officer"], status=JobStatus.DONE
    )
    return {"officer's job": {"pk": job.pk}}


shared_data = built_once_per_module(build_jobs)


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, shared_data, role, url_name, key, method, allowed, allowed_status):
    url = reverse(url_name, kwargs=shared_data.objects[key])
    hidden = 404 if role not in allowed and role != "anonymous" else None  # another's job is not theirs to know of

    run_matrix_case(client_as(cast[role]), role, url, method, {}, allowed, allowed_status, expected=hidden)
