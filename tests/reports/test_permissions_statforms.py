"""Role x URL matrix of the statistical forms (issue 14); each denial leaves the data untouched.

The provincial office (officers, administrators) fills, counts, marks final and reopens; units, the
council and outsiders see nothing of the province's statistics.
"""

import pytest
from django.urls import reverse

from directory.models import OfficeOrganisation
from portal.enums import JobStatus
from reports.domain.statforms import jobs as statform_jobs
from reports.domain.statforms.catalogue import install
from reports.domain.statforms.counting import count_cells
from reports.models import StatForm, StatReport
from tests.factories.directory import UnitFactory
from tests.permissions import OFFICERS, built_once_per_module, matrix_cases, run_matrix_case

FILERS = OFFICERS
YEAR = 2025

# (url name, object key, method, roles allowed, status when allowed)
MATRIX = [
    ("reports:statform_list", None, "get", OFFICERS, 200),
    ("reports:statform_create", None, "get", FILERS, 200),
    ("reports:statform_create", None, "post", FILERS, 302),
    ("reports:statform_detail", "draft", "get", OFFICERS, 200),
    ("reports:statform_status", "draft", "get", OFFICERS, 200),
    ("reports:statform_rows", "draft", "get", OFFICERS, 200),
    ("reports:statform_file", "draft_xlsx", "get", OFFICERS, 200),
    ("reports:statform_file", "draft_pdf", "get", OFFICERS, 200),
    ("reports:statform_recount", "draft", "post", FILERS, 302),
    ("reports:statform_finalise", "draft", "get", FILERS, 200),
    ("reports:statform_finalise", "draft", "post", FILERS, 302),
    ("reports:statform_reopen", "final", "get", FILERS, 200),
    ("reports:statform_reopen", "final", "post", FILERS, 302),
    # A final form is frozen: nobody counts it again or marks it final twice; a draft is not reopened.
    ("reports:statform_recount", "final", "post", frozenset(), 302),
    ("reports:statform_finalise", "final", "post", frozenset(), 302),
    ("reports:statform_reopen", "draft", "post", frozenset(), 302),
]


def build(cast):
    install(StatForm)  # a transactional test before this module may have flushed the migration's rows
    province = UnitFactory(name="Tỉnh Ninh Bình", kind="province")
    OfficeOrganisation.objects.create(name="Ban Thi đua - Khen thưởng", structure="provincial_board", unit=province)
    draft = StatReport.objects.create(
        form=StatForm.objects.get(code__startswith="0604"), year=YEAR, reporting_unit=province
    )
    statform_jobs.run_job(report_id=draft.pk)
    staff_form = StatForm.objects.get(code__startswith="0605")
    final = StatReport.objects.create(
        form=staff_form,
        year=YEAR,
        reporting_unit=province,
        status=JobStatus.DONE,
        state="final",
        values=count_cells(staff_form, YEAR),
    )
    return {"province": province.pk, "draft": draft.pk, "final": final.pk}


shared_data = built_once_per_module(build)


@pytest.fixture
def scenario(shared_data):
    return shared_data.objects


def url_kwargs(key, scenario):
    if key is None:
        return None
    if key.startswith("draft_"):
        return {"pk": scenario["draft"], "kind": key.removeprefix("draft_")}
    return {"pk": scenario[key]}


def form_data(url_name, scenario):
    if url_name == "reports:statform_create":
        return {
            "code": "0603.N/BNV-TĐKT",
            "year": "2025",
            "reporting_unit": scenario["province"],
            "receiving_unit": "Bộ Nội vụ",
        }
    if url_name == "reports:statform_reopen":
        return {"reason": "Bộ Nội vụ yêu cầu bổ sung số liệu."}
    return {}


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, scenario, role, url_name, key, method, allowed, allowed_status):
    url = reverse(url_name, kwargs=url_kwargs(key, scenario))
    if url_name == "reports:statform_rows":
        url += "?row=total&column=count"
    run_matrix_case(client_as(cast[role]), role, url, method, form_data(url_name, scenario), allowed, allowed_status)
