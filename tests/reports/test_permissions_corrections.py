"""Role x URL matrix of the corrections (issue 11): returning a submitted report, deleting a draft,
removing an attachment, deleting a cluster report or a conference; each denial leaves the data untouched.

The unit officer's unit is a member of term A (not its lead) and the lead of term B. Who may return a
report: the lead of that report's term (not for its own unit's report) and the office; not the lead
of another term, not a member, not the council or an outsider.
"""

import pytest
from django.urls import reverse

from tests.factories.reports import submitted_report
from tests.permissions import OFFICERS, built_once_per_module, matrix_cases, run_matrix_case
from tests.reports.conftest import build_scenario

READERS = OFFICERS | {"unit_officer"}
UNIT = frozenset({"unit_officer"})
NOBODY = frozenset()
REASON = {"reason": "Số liệu tăng trưởng GRDP chưa khớp với báo cáo của Cục Thống kê."}

# (url name, object key, method, roles allowed, status when allowed)
MATRIX = [
    # led_report: submitted by another member of the term the unit officer's unit leads.
    ("reports:report_return", "led_report", "get", READERS, 200),
    ("reports:report_return", "led_report", "post", READERS, 302),
    # other_report: a term whose lead is another unit: only the office returns it.
    ("reports:report_return", "other_report", "get", OFFICERS, 200),
    ("reports:report_return", "other_report", "post", OFFICERS, 302),
    # The lead's own unit's report is returned by the office, never by the lead itself.
    ("reports:report_return", "lead_own_report", "post", OFFICERS, 302),
    # A draft was never submitted: nobody returns it.
    ("reports:report_return", "own_report", "post", NOBODY, 302),
    ("reports:report_delete", "own_report", "get", UNIT, 200),
    ("reports:report_delete", "own_report", "post", UNIT, 302),
    # The page of a submitted report of the unit's own says why it cannot be deleted.
    ("reports:report_delete", "lead_own_report", "get", UNIT, 200),
    ("reports:report_delete", "led_report", "get", NOBODY, 200),
    ("reports:report_delete", "led_report", "post", NOBODY, 302),
    ("reports:report_attachment_delete", "attachment", "post", READERS, 302),
    ("reports:cluster_report_delete", "cluster_report_b", "get", READERS, 200),
    ("reports:cluster_report_delete", "cluster_report_b", "post", READERS, 302),
    ("reports:cluster_report_delete", "cluster_report_a", "get", OFFICERS, 200),
    ("reports:cluster_report_delete", "cluster_report_a", "post", OFFICERS, 302),
    ("reports:conference_delete", "conference_b", "get", READERS, 200),
    ("reports:conference_delete", "conference_b", "post", READERS, 302),
    ("reports:conference_delete", "conference_a", "post", OFFICERS, 302),
]


def build(cast):
    objects = build_scenario(cast["member_unit"])
    objects["lead_own_report"] = submitted_report(
        term=objects["term_b"], unit=cast["member_unit"], figures={objects["indicator"]: 6}
    )
    return objects


shared_data = built_once_per_module(build)


@pytest.fixture
def scenario(shared_data):
    return shared_data.objects


def url_kwargs(key, scenario):
    if key == "attachment":
        attachment = scenario["attachment"]
        return {"pk": attachment.report_id, "attachment_pk": attachment.pk}
    return {"pk": scenario[key].pk}


def form_data(url_name):
    return {} if url_name == "reports:report_delete" else REASON


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, scenario, role, url_name, key, method, allowed, allowed_status):
    url = reverse(url_name, kwargs=url_kwargs(key, scenario))

    run_matrix_case(client_as(cast[role]), role, url, method, form_data(url_name), allowed, allowed_status)
