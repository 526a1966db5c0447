"""Role x URL matrix for clusters; each denial leaves the data untouched. The unit officer's unit
leads the term `own`; `other` is a term of another cluster where it has no part."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusters.enums import SheetStatus
from clusters.models import Score
from tests.factories.clusters import scored_term
from tests.permissions import OFFICERS, ROLES, SIGNED_IN, expected_status, fetch, snapshot

LEAD = OFFICERS | {"unit_officer"}
# Administrators are superusers: Django grants them every permission, lead actions included.
ADMIN = frozenset({"administrator"})
ONLY_LEAD = ADMIN | {"unit_officer"}

# (url name, object key, method, roles allowed, status when allowed)
MATRIX = [
    ("clusters:cluster_list", None, "get", SIGNED_IN, 200),
    ("clusters:cluster_detail", "own_cluster", "get", LEAD, 200),
    ("clusters:cluster_detail", "other_cluster", "get", OFFICERS, 200),
    ("clusters:term_detail", "own", "get", LEAD, 200),
    ("clusters:term_detail", "other", "get", OFFICERS, 200),
    ("clusters:reopen_scoring", "own", "post", ONLY_LEAD, 302),
    ("clusters:reopen_scoring", "other", "post", ADMIN, 302),
    ("clusters:review_queue", "own", "get", LEAD, 200),
    ("clusters:review_queue", "other", "get", OFFICERS, 200),
    ("clusters:ranking", "own", "get", LEAD, 200),
    ("clusters:ranking", "other", "get", OFFICERS, 200),
    ("clusters:term_vote", "own", "get", LEAD, 200),
    ("clusters:term_vote", "own", "post", ONLY_LEAD, 400),
    ("clusters:term_vote", "other", "get", OFFICERS, 200),
    ("clusters:vote_close", "own", "post", ONLY_LEAD, 302),
    ("clusters:vote_close", "other", "post", ADMIN, 302),
    ("clusters:vote_decide", "own", "post", ONLY_LEAD, 302),
    ("clusters:lock_results", "own", "post", ONLY_LEAD, 302),
    ("clusters:lock_results", "other", "post", ADMIN, 302),
    ("clusters:reopen_results", "own", "post", OFFICERS, 302),
    ("clusters:sheet_detail", "own_sheet", "get", LEAD, 200),
    ("clusters:sheet_detail", "own_sheet", "post", ONLY_LEAD, 302),
    ("clusters:sheet_detail", "member_sheet", "get", LEAD, 200),
    ("clusters:sheet_detail", "member_sheet", "post", ADMIN, 400),
    ("clusters:sheet_detail", "other_sheet", "get", OFFICERS, 200),
    ("clusters:sheet_review", "member_sheet", "get", ONLY_LEAD, 200),
    ("clusters:sheet_review", "member_sheet", "post", ONLY_LEAD, 302),
    ("clusters:sheet_review", "other_sheet", "get", ADMIN, 200),
    ("clusters:evidence", "evidence", "get", LEAD, 200),
]


@pytest.fixture
def objects(member_unit):
    own = scored_term(lead_unit=member_unit, members=3)
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


def form_data(url_name):
    if url_name in ("clusters:sheet_detail", "clusters:sheet_review"):
        return {"version": "1", "action": "save"}
    return {}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url_name", "key", "method", "allowed", "allowed_status"), MATRIX)
def test_permission_matrix(client_as, cast, objects, role, url_name, key, method, allowed, allowed_status):
    client = client_as(cast[role])
    url = reverse(url_name, kwargs=objects[key] if key else None)
    expected = expected_status(role, allowed, allowed_status=allowed_status)
    before = snapshot()

    response = fetch(client, method, url, form_data(url_name))

    assert response.status_code == expected
    if role not in allowed:
        assert snapshot() == before
        if role == "anonymous":
            assert response.headers["Location"].startswith(reverse("login"))


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
    before = snapshot()

    statuses = {
        (name, method): (client.post if method == "post" else client.get)(
            reverse(name, kwargs=objects[key]), form_data(name)
        ).status_code
        for name, key, method in other_urls
    }

    assert set(statuses.values()) == {403}, statuses
    assert snapshot() == before


@pytest.mark.django_db
def test_admin_lists_terms_for_administrators(client_as, administrator, objects):
    response = client_as(administrator).get("/admin/clusters/term/")

    assert response.status_code == 200
