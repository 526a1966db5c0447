"""Role x URL matrix for clusters; each denial leaves the data untouched. The unit officer's unit
leads the term `own`; `other` is a term of another cluster where it has no part."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusters.enums import SheetStatus
from clusters.models import Score
from tests.factories.clusters import scored_term
from tests.permissions import (
    OFFICERS,
    SIGNED_IN,
    built_once_per_module,
    matrix_cases,
    recorded_writes,
    run_matrix_case,
    table_marks,
)

LEAD = OFFICERS | {"unit_officer"}
# A lead's actions are the lead's alone: administrators configure the portal, they do not act as a
# cluster's lead or fill a member's sheet (the rules decide for them too).
ONLY_LEAD = frozenset({"unit_officer"})
NOBODY = frozenset()

# (url name, object key, method, roles allowed, status when allowed)
MATRIX = [
    ("clusters:cluster_list", None, "get", SIGNED_IN, 200),
    ("clusters:cluster_detail", "own_cluster", "get", LEAD, 200),
    ("clusters:cluster_detail", "other_cluster", "get", OFFICERS, 200),
    ("clusters:term_detail", "own", "get", LEAD, 200),
    ("clusters:term_detail", "other", "get", OFFICERS, 200),
    ("clusters:reopen_scoring", "own", "post", ONLY_LEAD, 302),
    ("clusters:reopen_scoring", "other", "post", NOBODY, 302),
    ("clusters:review_queue", "own", "get", LEAD, 200),
    ("clusters:review_queue", "other", "get", OFFICERS, 200),
    ("clusters:ranking", "own", "get", LEAD, 200),
    ("clusters:ranking", "other", "get", OFFICERS, 200),
    ("clusters:term_vote", "own", "get", LEAD, 200),
    ("clusters:term_vote", "own", "post", ONLY_LEAD, 400),
    ("clusters:term_vote", "other", "get", OFFICERS, 200),
    ("clusters:vote_close", "own", "post", ONLY_LEAD, 302),
    ("clusters:vote_close", "other", "post", NOBODY, 302),
    # The lead, the deputy and (in a unit's place) officers confirm the choice after two rounds.
    ("clusters:vote_decide", "own", "post", LEAD, 302),
    ("clusters:lock_results", "own", "post", ONLY_LEAD, 302),
    ("clusters:lock_results", "other", "post", NOBODY, 302),
    ("clusters:reopen_results", "own", "post", OFFICERS, 302),
    ("clusters:sheet_detail", "own_sheet", "get", LEAD, 200),
    ("clusters:sheet_detail", "own_sheet", "post", ONLY_LEAD, 302),
    ("clusters:sheet_detail", "member_sheet", "get", LEAD, 200),
    ("clusters:sheet_detail", "member_sheet", "post", NOBODY, 400),
    ("clusters:sheet_detail", "other_sheet", "get", OFFICERS, 200),
    ("clusters:sheet_review", "member_sheet", "get", ONLY_LEAD, 200),
    ("clusters:sheet_review", "member_sheet", "post", ONLY_LEAD, 302),
    ("clusters:sheet_review", "other_sheet", "get", NOBODY, 200),
    ("clusters:evidence", "evidence", "get", LEAD, 200),
]


def build_objects(cast):
    own = scored_term(lead_unit=cast["member_unit"], members=3)
    other = scored_term(members=3)
    member_sheet = own.sheet_list[1]
    member_sheet.status = SheetStatus.SUBMITTED
    member_sheet.save()
    score = Score.objects.create(
        sheet=member_sheet,
        criterion=own.criterion_list[0],
        value=5,
        self_points=5,
        points=5,
        evidence=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 minh chung"),
    )
    return {
        "own": {"pk": own.pk},
        "other": {"pk": other.pk},
        "own_cluster": {"pk": own.cluster_id},
        "other_cluster": {"pk": other.cluster_id},
        "own_sheet": {"pk": own.sheet_list[0].pk},
        "member_sheet": {"pk": member_sheet.pk},
        "other_sheet": {"pk": other.sheet_list[1].pk},
        "evidence": {"pk": score.pk},
    }


shared_data = built_once_per_module(build_objects)


@pytest.fixture
def objects(shared_data):
    return shared_data.objects


def form_data(url_name):
    if url_name in ("clusters:sheet_detail", "clusters:sheet_review"):
        return {"version": "1", "action": "save"}
    return {}


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, objects, role, url_name, key, method, allowed, allowed_status):
    url = reverse(url_name, kwargs=objects[key] if key else None)

    run_matrix_case(client_as(cast[role]), role, url, method, form_data(url_name), allowed, allowed_status)


@pytest.mark.django_db
def test_lead_of_cluster_a_gets_403_on_every_url_of_cluster_b(client_as, objects, unit_officer):
    client = client_as(unit_officer)  # leads the term of cluster A ("own")
    keys = {"other", "other_cluster", "other_sheet"}
    other_urls = [(name, key, method) for name, key, method, *_ in MATRIX if key in keys]
    other_urls += [
        ("clusters:vote_decide", "other", "post"),
        ("clusters:reopen_results", "other", "post"),
        ("clusters:sheet_detail", "other_sheet", "post"),
        ("clusters:sheet_review", "other_sheet", "post"),
    ]
    before = table_marks()

    with recorded_writes() as writes:
        statuses = {
            (name, method): (client.post if method == "post" else client.get)(
                reverse(name, kwargs=objects[key]), form_data(name)
            ).status_code
            for name, key, method in other_urls
        }

    assert set(statuses.values()) == {403}, statuses
    assert writes == []
    assert table_marks() == before


@pytest.mark.django_db
def test_admin_lists_terms_for_administrators(client_as, administrator, objects):
    response = client_as(administrator).get("/admin/clusters/term/")

    assert response.status_code == 200
