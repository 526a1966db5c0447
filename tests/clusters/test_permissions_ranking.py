"""Role x URL matrix for the ranking, fair review and export screens; each denial leaves the data
untouched. The unit officer's unit leads the term `own` (no deputy: the office reviews the lead's
own sheet) and is the deputy of the term `deputy_term` (it reviews that term's lead's sheet)."""

import pytest
from django.urls import reverse

from clusters.enums import PhaseKind, SheetStatus
from clusters.models import Sheet
from tests.factories.clusters import scored_term
from tests.permissions import OFFICERS, built_once_per_module, matrix_cases, run_matrix_case

LEAD = OFFICERS | {"unit_officer"}
ONLY_UNIT_OFFICER = frozenset({"unit_officer"})
NOBODY = frozenset()

# (url name, object key, method, roles allowed, status when allowed)
MATRIX = [
    # New: one member's sheet as an Excel file, for whoever may read the sheet.
    ("clusters:sheet_export", "own_sheet", "get", LEAD, 200),
    ("clusters:sheet_export", "member_sheet", "get", LEAD, 200),
    ("clusters:sheet_export", "other_sheet", "get", OFFICERS, 200),
    ("clusters:sheet_export", "deputy_lead_sheet", "get", LEAD, 200),
    # Fair review on the existing review URL: the lead never reviews its own unit's sheet.
    ("clusters:sheet_review", "own_sheet", "get", OFFICERS, 200),
    ("clusters:sheet_review", "own_sheet", "post", OFFICERS, 302),
    ("clusters:sheet_review", "deputy_lead_sheet", "get", ONLY_UNIT_OFFICER, 200),
    ("clusters:sheet_review", "deputy_lead_sheet", "post", ONLY_UNIT_OFFICER, 302),
    ("clusters:sheet_review", "deputy_member_sheet", "get", NOBODY, 200),
    # The deputy finds the lead's sheet in the review queue.
    ("clusters:review_queue", "deputy_term", "get", LEAD, 200),
]


def build_objects(cast):
    own = scored_term(lead_unit=cast["member_unit"], members=3, phase=PhaseKind.REVIEW)
    other = scored_term(members=3)
    deputy_term = scored_term(members=3, member_units=[cast["member_unit"]], phase=PhaseKind.REVIEW)
    deputy_term.deputy_unit = cast["member_unit"]
    deputy_term.save()
    submitted = [own.sheet_list[0], own.sheet_list[1], deputy_term.sheet_list[0], deputy_term.sheet_list[2]]
    Sheet.objects.filter(pk__in=[sheet.pk for sheet in submitted]).update(status=SheetStatus.SUBMITTED)
    return {
        "own_sheet": {"pk": own.sheet_list[0].pk},
        "member_sheet": {"pk": own.sheet_list[1].pk},
        "other_sheet": {"pk": other.sheet_list[1].pk},
        "deputy_term": {"pk": deputy_term.pk},
        "deputy_lead_sheet": {"pk": deputy_term.sheet_list[0].pk},
        "deputy_member_sheet": {"pk": deputy_term.sheet_list[2].pk},
    }


shared_data = built_once_per_module(build_objects)


@pytest.fixture
def objects(shared_data):
    return shared_data.objects


def form_data(url_name):
    if url_name == "clusters:sheet_review":
        return {"version": "1", "action": "save"}
    return {}


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, objects, role, url_name, key, method, allowed, allowed_status):
    url = reverse(url_name, kwargs=objects[key] if key else None)

    run_matrix_case(client_as(cast[role]), role, url, method, form_data(url_name), allowed, allowed_status)
