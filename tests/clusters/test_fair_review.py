"""Fair review: a lead never reviews its own unit's sheet. The deputy does, or the provincial office
when there is no deputy; every review records who reviewed, and each changed point with its reason
is in the sheet's history."""

from decimal import Decimal

import pytest

from clusters.domain import scoring
from clusters.domain.errors import ClustersError
from clusters.enums import ClusterKind, PhaseKind, SheetStatus
from clusters.models import Score, Sheet
from tests.factories import UserFactory
from tests.factories.clusters import scored_term
from tests.permissions import recorded_writes, table_marks


@pytest.fixture
def term(db):
    """The lead's own sheet (index 0) and a member's sheet (index 2) are submitted; unit 1 is the deputy."""
    term = scored_term(members=3, criteria=2, phase=PhaseKind.REVIEW, points={0: [5, 6], 2: [3, 4]})
    term.deputy_unit = term.unit_list[1]
    term.save()
    Sheet.objects.filter(pk__in=[term.sheet_list[0].pk, term.sheet_list[2].pk]).update(status=SheetStatus.SUBMITTED)
    return term


@pytest.fixture
def lead(term):
    return UserFactory(unit=term.lead_unit, is_unit_officer=True, full_name="Trưởng cụm")


@pytest.fixture
def deputy(term):
    return UserFactory(unit=term.deputy_unit, is_unit_officer=True, full_name="Phó cụm")


def own_sheet(term):
    return Sheet.objects.get(pk=term.sheet_list[0].pk)


def review_data(term, action="save", **points):
    data = {"version": str(own_sheet(term).version), "action": action}
    data.update(points)
    return data


def test_the_lead_gets_403_on_its_own_sheets_review_and_nothing_changes(client_as, term, lead):
    client = client_as(lead)
    url = f"/clusters/sheets/{term.sheet_list[0].pk}/review/"
    before = table_marks()

    with recorded_writes() as writes:
        shown = client.get(url)
        posted = client.post(url, review_data(term, "accept"))

    assert (shown.status_code, posted.status_code) == (403, 403)
    assert writes == []
    assert table_marks() == before
    assert own_sheet(term).status == SheetStatus.SUBMITTED


@pytest.mark.parametrize(("kind", "words"), [(ClusterKind.CLUSTER, "Cụm trưởng"), (ClusterKind.BLOC, "Khối trưởng")])
def test_the_domain_refuses_the_lead_on_its_own_sheet_in_the_clusters_words(term, lead, kind, words):
    term.cluster.kind = kind
    term.cluster.save()
    sheet = own_sheet(term)

    with pytest.raises(ClustersError) as refused:
        scoring.review_sheet(sheet=sheet, version=sheet.version, adjustments={}, by=lead, action="accept")

    assert refused.value.message.startswith(words)
    assert ("Cụm" in refused.value.message) == (kind == ClusterKind.CLUSTER)
    assert own_sheet(term).status == SheetStatus.SUBMITTED


def test_the_deputy_reviews_the_leads_sheet_and_is_recorded(client_as, term, deputy, officer):
    client = client_as(deputy)
    url = f"/clusters/sheets/{term.sheet_list[0].pk}/review/"
    first = term.criterion_list[0]

    assert client.get(url).status_code == 200
    response = client.post(
        url, review_data(term, "accept", **{f"points-{first.pk}": "4,5", f"reason-{first.pk}": "Thiếu minh chứng"})
    )

    assert response.status_code == 302
    sheet = own_sheet(term)
    assert (sheet.status, sheet.reviewed_by) == (SheetStatus.ACCEPTED, deputy)
    score = Score.objects.get(sheet=sheet, criterion=first)
    assert (score.self_points, score.points, score.adjustment_reason) == (5, Decimal("4.5"), "Thiếu minh chứng")
    # The change and its reason are in the sheet's history (officers read history).
    page = client_as(officer).get(f"/clusters/sheets/{sheet.pk}/").content.decode()
    history = page[page.index('class="card history"') :]
    assert "Thiếu minh chứng" in history and str(first) in history
    assert "Phó cụm" in page


def test_the_deputy_does_not_review_members_sheets(client_as, term, deputy):
    response = client_as(deputy).get(f"/clusters/sheets/{term.sheet_list[2].pk}/review/")

    assert response.status_code == 403


def test_the_deputys_queue_lists_the_leads_sheet_to_review(client_as, term, deputy, lead):
    page = client_as(deputy).get(f"/clusters/terms/{term.pk}/review/").content.decode()

    assert f"/clusters/sheets/{term.sheet_list[0].pk}/review/" in page
    assert f"/clusters/sheets/{term.sheet_list[2].pk}/review/" not in page
    lead_page = client_as(lead).get(f"/clusters/terms/{term.pk}/review/").content.decode()
    assert f"/clusters/sheets/{term.sheet_list[2].pk}/review/" in lead_page
    assert f"/clusters/sheets/{term.sheet_list[0].pk}/review/" not in lead_page
    assert f"Cụm phó ({term.deputy_unit.name})" in lead_page


def test_without_a_deputy_the_office_reviews_the_leads_sheet(client_as, term, lead, officer):
    term.deputy_unit = None
    term.save()
    url = f"/clusters/sheets/{term.sheet_list[0].pk}/review/"

    assert client_as(lead).get(url).status_code == 403
    assert client_as(officer).get(url).status_code == 200
    response = client_as(officer).post(url, review_data(term, "return", return_reason="Bổ sung minh chứng"))

    assert response.status_code == 302
    sheet = own_sheet(term)
    assert (sheet.status, sheet.reviewed_by) == (SheetStatus.RETURNED, officer)
    queue = client_as(lead).get(f"/clusters/terms/{term.pk}/review/").content.decode()
    assert "Ban/Phòng Thi đua - Khen thưởng tỉnh" in queue
    assert str(officer) in queue


def test_every_review_action_records_the_reviewer(term, lead):
    sheet = Sheet.objects.get(pk=term.sheet_list[2].pk)
    first = term.criterion_list[0]

    scoring.review_sheet(sheet=sheet, version=sheet.version, adjustments={first.pk: (Decimal(2), "Sai số")}, by=lead)

    sheet.refresh_from_db()
    assert (sheet.status, sheet.reviewed_by) == (SheetStatus.SUBMITTED, lead)


def test_the_review_page_shows_the_reviewer_and_the_history(client_as, term, lead, officer):
    term.deputy_unit = None
    term.save()
    sheet = Sheet.objects.get(pk=term.sheet_list[2].pk)
    first = term.criterion_list[0]
    scoring.review_sheet(sheet=sheet, version=sheet.version, adjustments={first.pk: (Decimal(2), "Sai số")}, by=lead)

    lead_page = client_as(lead).get(f"/clusters/sheets/{sheet.pk}/review/").content.decode()
    officer_page = client_as(officer).get(f"/clusters/sheets/{sheet.pk}/").content.decode()

    assert "Trưởng cụm" in lead_page and f"Cụm trưởng ({term.lead_unit.name})" in lead_page
    assert "Sai số" in officer_page[officer_page.index('class="card history"') :]
