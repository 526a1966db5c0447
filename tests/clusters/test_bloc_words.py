"""A bloc is never labelled with cluster words, a cluster never with bloc words: every clusters page
(crawled as officer, lead, deputy and member over four years in four states), the exports and the
reports pages naming a term's lead."""

import io
import re
from collections import deque
from decimal import Decimal

import openpyxl
import pytest
from django.urls import Resolver404, resolve

from clusters.domain import vote
from clusters.enums import ClusterKind, PhaseKind, SheetStatus
from clusters.models import (
    Cluster,
    ClusterMember,
    Criterion,
    CriterionGroup,
    Phase,
    Score,
    Sheet,
    Term,
    TermMember,
)
from tests.factories import UnitFactory, UserFactory
from tests.factories.clusters import scored_term
from tests.permissions import built_once_per_module

pytestmark = pytest.mark.slow

LINK = re.compile(r'href="(/[^"#?]*)(?:\?([^"#]*))?"')
MAX_PAGES = 400
CLUSTER_WORDS = ("Cụm trưởng", "Cụm phó", "toàn Cụm", "Toàn Cụm", "CTĐ", "cụm trưởng", "cụm phó")
BLOC_WORDS = ("Khối trưởng", "Khối phó", "toàn Khối", "Toàn Khối", "KTĐ", "khối trưởng", "khối phó")
POINTS = {i: [Decimal(10 - i)] for i in range(5)}


def _term(cluster, year, units, phase):
    term = scored_term(
        members=5, criteria=1, lead_unit=units[0], member_units=units[1:], phase=phase, points=dict(POINTS)
    )
    Term.objects.filter(pk=term.pk).update(cluster=cluster, year=year, deputy_unit=units[1])
    return Term.objects.get(pk=term.pk)


def _cast(term, choices):
    term = Term.objects.get(pk=term.pk)
    units = [membership.unit for membership in term.memberships.select_related("unit").order_by("pk")]
    for voter, choice in zip(units, choices, strict=True):
        vote.cast_ballot(term=term, voter_unit=voter, choice_unit_id=units[choice].pk, by=None)


def build_kind(kind, prefix):
    """A cluster or bloc with four years: locked, waiting for the lead's and deputy's decision, in
    review (submitted, returned, accepted sheets, the lead's own sheet), in self-assessment, and
    one being planned (its criteria pages editable)."""
    name = "Khối thi đua thử nghiệm" if kind == ClusterKind.BLOC else "Cụm thi đua thử nghiệm"
    cluster = Cluster.objects.create(kind=kind, name=name)
    units = [UnitFactory(name=f"{prefix} đơn vị {i}") for i in range(5)]
    users = {
        "lead": UserFactory(unit=units[0], is_unit_officer=True),
        "deputy": UserFactory(unit=units[1], is_unit_officer=True),
        "member": UserFactory(unit=units[3], is_unit_officer=True),
    }
    locked = _term(cluster, 2021, units, PhaseKind.VOTE)
    _cast(locked, [0, 0, 0, 0, 1])
    vote.close_round(term=Term.objects.get(pk=locked.pk), by=users["lead"])
    vote.lock_results(
        term=Term.objects.get(pk=locked.pk),
        by=users["lead"],
        next_lead_unit_id=units[1].pk,
        next_deputy_unit_id=units[2].pk,
    )
    deciding = _term(cluster, 2022, units, PhaseKind.VOTE)
    for _round in (1, 2):
        _cast(deciding, [0, 1, 2, 0, 1])
        vote.close_round(term=Term.objects.get(pk=deciding.pk), by=users["lead"])
    vote.confirm_choice(term=Term.objects.get(pk=deciding.pk), unit_id=units[2].pk, by=users["lead"])
    review = _term(cluster, 2023, units, PhaseKind.REVIEW)
    statuses = [SheetStatus.SUBMITTED, SheetStatus.ACCEPTED, SheetStatus.SUBMITTED, SheetStatus.RETURNED]
    sheets = Sheet.objects.filter(term=review).order_by("pk")
    for sheet, status in zip(sheets, statuses, strict=False):
        Sheet.objects.filter(pk=sheet.pk).update(status=status, return_reason="Thiếu minh chứng")
    scoring = _term(cluster, 2024, units, PhaseKind.SELF_ASSESSMENT)
    Sheet.objects.filter(term=scoring).update(status=SheetStatus.DRAFT)
    planned = _term(cluster, 2025, units, PhaseKind.COMPACT)  # criteria still editable
    Sheet.objects.filter(term=planned).delete()
    return {"cluster": cluster.pk, "users": {role: user.pk for role, user in users.items()}}


def build(cast):
    return {
        ClusterKind.BLOC: build_kind(ClusterKind.BLOC, "Bloc"),
        ClusterKind.CLUSTER: build_kind(ClusterKind.CLUSTER, "Cluster"),
    }


shared_data = built_once_per_module(build)


# The model a URL's pk names (by its route's first part), and the way from it to its cluster.
OWNERS = {
    "terms": (Term, "cluster_id"),
    "sheets": (Sheet, "term__cluster_id"),
    "scores": (Score, "sheet__term__cluster_id"),
    "members": (ClusterMember, "cluster_id"),
    "term-members": (TermMember, "term__cluster_id"),
    "phases": (Phase, "term__cluster_id"),
    "criterion-groups": (CriterionGroup, "term__cluster_id"),
    "criteria": (Criterion, "group__term__cluster_id"),
}


def cluster_of(match):
    """The cluster a clusters page belongs to (None for the list and the new cluster form)."""
    pk = match.kwargs.get("pk")
    if pk is None:
        return None
    first = match.route.removeprefix("clusters/").split("/")[0]
    if first not in OWNERS:
        return pk  # <int:pk>/...: the cluster itself
    model, path = OWNERS[first]
    return model.objects.filter(pk=pk).values_list(path, flat=True).first()


PER_PATTERN = 3  # links followed per URL pattern: the words come from the template, not the row


def crawl(client, start, cluster_pk):
    """GET every clusters page reachable from `start` (and the dashboard), at most PER_PATTERN links
    of each URL pattern besides the start; returns {url: response}."""
    seen, queue, pages, followed = set(start), deque(start), {}, {}
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        pages[url] = response
        if response.status_code != 200 or not response.headers.get("Content-Type", "").startswith("text/html"):
            continue
        for path, query in LINK.findall(response.content.decode()):
            link = f"{path}?{query}" if query else path
            if link in seen or not path.startswith("/clusters/"):
                continue
            try:
                match = resolve(path)
            except Resolver404:
                continue
            if cluster_of(match) not in (None, cluster_pk):
                continue  # another cluster's or bloc's page
            if followed.get(match.url_name, 0) >= PER_PATTERN:
                continue
            followed[match.url_name] = followed.get(match.url_name, 0) + 1
            seen.add(link)
            queue.append(link)
    return pages


def text_of(response):
    if response.headers.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        return "\n".join(
            str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value
        )
    return response.content.decode()


def user_of(shared_data, kind, role):
    from directory.models import User

    if role == "officer":
        return User.objects.get(pk=shared_data.cast["officer"])
    return User.objects.get(pk=shared_data.objects[kind]["users"][role])


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [ClusterKind.BLOC, ClusterKind.CLUSTER])
@pytest.mark.parametrize("role", ["officer", "lead", "deputy", "member"])
def test_no_page_or_export_uses_the_other_kind_s_words(client, shared_data, kind, role):
    data = shared_data.objects[kind]
    client.force_login(user_of(shared_data, kind, role))
    cluster_pk = data["cluster"]
    start = ["/", f"/clusters/{cluster_pk}/"]
    for term in Term.objects.filter(cluster_id=cluster_pk):
        start += [
            f"/clusters/terms/{term.pk}/",
            f"/clusters/terms/{term.pk}/ranking/?format=xlsx",
            f"/clusters/terms/{term.pk}/review/?format=xlsx",
        ]
        # Two sheets a term (the lead's own and a member's): an export's words come from its template.
        start += [f"/clusters/sheets/{sheet.pk}/export/" for sheet in term.sheets.order_by("pk")[:2]]

    pages = crawl(client, start, cluster_pk)

    forbidden = CLUSTER_WORDS if kind == ClusterKind.BLOC else BLOC_WORDS
    found = {
        url: sorted(
            {line.strip()[:160] for line in text_of(response).splitlines() if any(w in line for w in forbidden)}
        )
        for url, response in pages.items()
        if response.status_code == 200
    }
    assert {url: lines for url, lines in found.items() if lines} == {}
    assert all(response.status_code < 500 for response in pages.values())
    routes = {resolve(url.split("?")[0]).url_name for url, response in pages.items() if response.status_code == 200}
    assert {"term_detail", "term_vote", "ranking", "sheet_detail", "cluster_detail"} <= routes
    if role in ("lead", "deputy"):
        assert {"review_queue", "sheet_review"} <= routes
    if role == "officer":
        assert {
            "term_setup",
            "term_members",
            "term_phases",
            "term_criteria",
            "criterion_update",
            "group_update",
        } <= routes
    if role != "member":
        exports = [
            url for url, response in pages.items() if "openxmlformats" in response.headers.get("Content-Type", "")
        ]
        assert len(exports) >= 8
    assert len([url for url, response in pages.items() if response.status_code == 200]) > 10
