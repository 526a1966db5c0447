"""Role x URL matrix for the upward package (issue 16, upward): only officers check, build, complete,
download and send; the proposing unit sees the packages on its proposal page only; a denial changes nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.domain.upward.package import build_package
from tests.factories.upward import central_dossier, pdf_of
from tests.permissions import OFFICERS, built_once_per_module, matrix_cases, run_matrix_case

# (url name, kwargs key, method, roles allowed, status when allowed)
MATRIX = [
    ("awards:upward_check", "proposal", "get", OFFICERS, 200),
    ("awards:upward_build", "proposal", "post", OFFICERS, 302),
    ("awards:upward_attach", "proposal", "post", OFFICERS, 302),
    ("awards:upward_download", "package", "get", OFFICERS, 200),
    ("awards:upward_send", "package", "get", OFFICERS, 200),
    ("awards:upward_send", "package", "post", OFFICERS, 302),
]


def build_objects(cast):
    proposal = central_dossier(unit=cast["member_unit"], officer=cast["officer"])
    package = build_package(proposal=proposal, by=cast["officer"])
    return {"proposal": {"pk": proposal.pk}, "package": {"pk": package.pk}}


shared_data = built_once_per_module(build_objects)


def form_data(url_name):
    if url_name == "awards:upward_attach":
        return {"kind": "evidence", "file": SimpleUploadedFile("minh-chung-2.pdf", pdf_of("Minh chứng bổ sung"))}
    if url_name == "awards:upward_send":
        return {"reference": "TW-2026-000123"}
    return {}


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, shared_data, role, url_name, key, method, allowed, allowed_status):
    url = reverse(url_name, kwargs=shared_data.objects[key])

    run_matrix_case(client_as(cast[role]), role, url, method, form_data(url_name), allowed, allowed_status)
