"""A sheet the lead returns during the review phase can be corrected and resubmitted then; a draft
cannot be filled once self-assessment is over."""

from decimal import Decimal

import pytest

from clusters.domain import phases, scoring
from clusters.domain.errors import DomainError
from clusters.enums import PhaseKind, SheetStatus
from clusters.models import Sheet
from tests.factories import UserFactory
from tests.factories.clusters import scored_term
from tests.permissions import snapshot


def entries(term, *values):
    return {c.pk: scoring.Entry(value=Decimal(v)) for c, v in zip(term.criterion_list, values, strict=True)}


@pytest.mark.django_db
def test_a_sheet_returned_during_the_review_is_corrected_and_resubmitted(client_as):
    term = scored_term(members=3, criteria=2)
    sheet, draft = term.sheet_list[1], term.sheet_list[2]
    member = UserFactory(unit=sheet.unit, is_unit_officer=True)
    late = UserFactory(unit=draft.unit, is_unit_officer=True)
    lead = UserFactory(unit=term.lead_unit, is_unit_officer=True)
    scoring.save_sheet(sheet=sheet, version=1, entries=entries(term, "7", "8"), by=member, submit=True)
    phases.enter_phase(term=term, kind=PhaseKind.REVIEW)
    scoring.review_sheet(sheet=sheet, version=2, adjustments={}, by=lead, action="return", return_reason="Bổ sung")
    first = term.criterion_list[0]

    page = client_as(member).get(f"/clusters/sheets/{sheet.pk}/").content.decode()
    assert f'name="value-{first.pk}"' in page
    response = client_as(member).post(
        f"/clusters/sheets/{sheet.pk}/",
        {"version": "3", "action": "submit", f"value-{first.pk}": "6", f"value-{term.criterion_list[1].pk}": "8"},
    )

    assert response.status_code == 302
    assert Sheet.objects.get(pk=sheet.pk).status == SheetStatus.SUBMITTED
    # A draft stays closed after self-assessment: nothing is written.
    assert f'name="value-{first.pk}"' not in client_as(late).get(f"/clusters/sheets/{draft.pk}/").content.decode()
    before = snapshot()
    with pytest.raises(DomainError):
        scoring.save_sheet(sheet=draft, version=1, entries=entries(term, "1", "1"), by=late)
    assert snapshot() == before


@pytest.mark.django_db
def test_a_returned_sheet_is_closed_once_the_vote_opens():
    term = scored_term(members=2, criteria=2, phase=PhaseKind.VOTE)
    sheet = term.sheet_list[1]
    Sheet.objects.filter(pk=sheet.pk).update(status=SheetStatus.RETURNED)
    sheet.refresh_from_db()

    assert not scoring.open_for_member(sheet=sheet)
    with pytest.raises(DomainError):
        scoring.save_sheet(sheet=sheet, version=sheet.version, entries=entries(term, "1", "1"), by=None)
