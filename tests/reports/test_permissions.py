"""Role x URL matrix for the reports pages; each denial leaves the data untouched.

The unit officer's unit is a member of term A (not its lead) and the lead of term B.
"""

import pytest
from django.urls import reverse

from tests.permissions import OFFICERS, built_once_per_module, matrix_cases, run_matrix_case
from tests.reports.conftest import build_scenario

READERS = OFFICERS | {"unit_officer"}
# A unit's report is the unit's: administrators do not write, upload to or submit it (the rules
# decide for them too), nor edit a submitted one.
UNIT = frozenset({"unit_officer"})
NOBODY = frozenset()
# Starting a report names no object yet, so Django still lets the administrator (a superuser) in.
STARTERS = UNIT | {"administrator"}
# Allowed, but the request itself is refused: the administrator's unit is in no cluster term.
EXCEPTIONS = {("reports:report_create", "post", "administrator"): 400}

# (url name, object key, method, roles allowed, status when allowed)
MATRIX = [
    ("reports:report_list", None, "get", READERS, 200),
    ("reports:report_create", None, "get", STARTERS, 200),
    ("reports:report_create", None, "post", STARTERS, 302),
    ("reports:report_detail", "own_report", "get", READERS, 200),
    ("reports:report_detail", "other_report", "get", OFFICERS, 200),
    ("reports:report_detail", "led_report", "get", READERS, 200),
    ("reports:report_update", "own_report", "get", READERS, 200),
    ("reports:report_update", "own_report", "post", READERS, 302),
    ("reports:report_update", "led_report", "get", NOBODY, 200),
    ("reports:report_submit", "own_report", "post", UNIT, 302),
    ("reports:report_submit", "other_report", "post", NOBODY, 302),
    ("reports:report_template", "own_report", "get", READERS, 200),
    ("reports:report_template", "other_report", "get", OFFICERS, 200),
    ("reports:report_upload", "own_report", "post", READERS, 302),
    ("reports:report_upload", "led_report", "post", NOBODY, 302),
    ("reports:report_attach", "own_report", "post", READERS, 302),
    ("reports:report_attachment", "attachment", "get", READERS, 200),
    ("reports:cluster_report_list", None, "get", READERS, 200),
    ("reports:cluster_report_create", None, "get", READERS, 200),
    ("reports:cluster_report_create", None, "post", READERS, 302),
    ("reports:cluster_report_detail", "cluster_report_a", "get", READERS, 200),
    ("reports:cluster_report_update", "cluster_report_a", "get", OFFICERS, 200),
    ("reports:cluster_report_update", "cluster_report_b", "get", READERS, 200),
    ("reports:cluster_report_update", "cluster_report_b", "post", READERS, 302),
    ("reports:conference_list", None, "get", READERS, 200),
    ("reports:conference_create", None, "get", READERS, 200),
    ("reports:conference_create", None, "post", READERS, 302),
    ("reports:conference_detail", "conference_a", "get", READERS, 200),
    ("reports:conference_update", "conference_a", "get", OFFICERS, 200),
    ("reports:conference_update", "conference_b", "get", READERS, 200),
    ("reports:conference_update", "conference_b", "post", READERS, 302),
    ("reports:conference_render", "conference_a", "post", OFFICERS, 302),
    ("reports:conference_render", "conference_b", "post", READERS, 302),
    ("reports:conference_render_status", "conference_a", "get", READERS, 200),
    ("reports:conference_pdf", "conference_a", "get", READERS, 200),
    ("reports:conference_docx", "conference_a", "get", READERS, 200),
]


shared_data = built_once_per_module(lambda cast: build_scenario(cast["member_unit"]))


@pytest.fixture
def scenario(shared_data):
    return shared_data.objects


def url_kwargs(key, scenario):
    if key is None:
        return None
    if key == "attachment":
        attachment = scenario["attachment"]
        return {"pk": attachment.report_id, "attachment_pk": attachment.pk}
    return {"pk": scenario[key].pk}


def form_data(url_name, scenario):
    term_b = scenario["term_b"]
    if url_name == "reports:report_create":
        return {"term": scenario["term_a"].pk, "period": "year"}
    if url_name == "reports:report_update":
        return {"results": "Kết quả mới", "limitations": "", "tasks_ahead": ""}
    if url_name == "reports:cluster_report_create":
        return {"term": term_b.pk, "period": "h1"}
    if url_name == "reports:cluster_report_update":
        return {"results": "Kết quả của Cụm", "limitations": "", "tasks_ahead": ""}
    if url_name in ("reports:conference_create", "reports:conference_update"):
        return {
            "term": term_b.pk,
            "period": "h1",
            "kind": "half_year",
            "title": "Hội nghị sơ kết 6 tháng",
            "held_on": "2020-08-06",
            "place": "tỉnh Kiên Giang",
            "host_unit": term_b.lead_unit_id,
        }
    return {}


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, scenario, role, url_name, key, method, allowed, allowed_status):
    url = reverse(url_name, kwargs=url_kwargs(key, scenario))

    run_matrix_case(
        client_as(cast[role]),
        role,
        url,
        method,
        form_data(url_name, scenario),
        allowed,
        allowed_status,
        expected=EXCEPTIONS.get((url_name, method, role)),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["unit_officer", "council_member", "outsider"])
def test_admin_site_is_for_administrators_only(client_as, cast, role):
    response = client_as(cast[role]).get("/admin/reports/conference/")

    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model",
    [
        "indicator",
        "memberreport",
        "indicatorvalue",
        "reportattachment",
        "clusterreport",
        "conference",
        "conferenceattendee",
        "renderjob",
    ],
)
def test_admin_lists_open_for_administrators(client_as, administrator, scenario, model):
    response = client_as(administrator).get(f"/admin/reports/{model}/?q=a")

    assert response.status_code == 200
