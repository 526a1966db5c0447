"""Sheets' table and the phase sentences: allowed moves pass, others are refused with their own whole
sentence and write nothing; the allowed-state sets on the enum agree with the table."""

from decimal import Decimal

import pytest

from clusters.domain import scoring
from clusters.domain.errors import ClustersError, DomainError
from clusters.domain.phases import CURRENTLY, ONLY_DURING, require_phase, wrong_phase_message
from clusters.domain.workflow import NOT_EDITABLE, NOT_REVIEWABLE, SHEETS
from clusters.enums import PhaseKind, SheetStatus
from clusters.models import Sheet
from portal.errors import DomainError as PortalDomainError
from tests.factories import UserFactory
from tests.factories.clusters import scored_term
from tests.permissions import snapshot
from tests.states import assert_table_is_complete, assert_whole_sentence

STATES = list(SheetStatus)


def test_the_table_is_complete_and_every_refusal_is_a_whole_sentence():
    assert_table_is_complete(SHEETS, STATES)
    assert_whole_sentence(NOT_EDITABLE)


def test_the_allowed_state_sets_agree_with_the_table():
    assert SHEETS.sources(SheetStatus.SUBMITTED) == SheetStatus.editable_by_member()
    assert SHEETS.sources(SheetStatus.ACCEPTED) == SheetStatus.reviewable()
    assert SHEETS.sources(SheetStatus.RETURNED) == SheetStatus.reviewable()
    assert set(NOT_REVIEWABLE) == set(STATES) - SheetStatus.reviewable()


def test_the_clusters_errors_are_portal_domain_errors():
    assert DomainError is PortalDomainError
    assert issubclass(ClustersError, PortalDomainError)
    assert issubclass(scoring.ScoreErrors, ClustersError)


@pytest.mark.parametrize("kind", list(PhaseKind))
@pytest.mark.parametrize("current", [None, *PhaseKind])
def test_each_wrong_phase_is_told_in_whole_sentences(kind, current):
    message = wrong_phase_message(kind=kind, current=current)

    assert message == f"{ONLY_DURING[kind]} {CURRENTLY[current]}"
    assert_whole_sentence(ONLY_DURING[kind])
    assert_whole_sentence(CURRENTLY[current])


@pytest.fixture
def term(db):
    return scored_term(members=3, criteria=2)


@pytest.fixture
def member(term):
    return UserFactory(unit=term.unit_list[1], is_unit_officer=True)


@pytest.fixture
def lead(term):
    return UserFactory(unit=term.lead_unit, is_unit_officer=True)


def in_state(term, status):
    sheet = Sheet.objects.get(pk=term.sheet_list[1].pk)
    sheet.status = status
    sheet.save(update_fields=["status"])
    return sheet


def submit(sheet, term, member):
    values = {criterion.pk: scoring.Entry(value=Decimal(3)) for criterion in term.criterion_list}
    return scoring.save_sheet(sheet=sheet, version=sheet.version, entries=values, by=member, submit=True)


@pytest.mark.parametrize("status", sorted(SheetStatus.editable_by_member()))
def test_a_draft_or_returned_sheet_is_submitted(status, term, member):
    sheet = submit(in_state(term, status), term, member)

    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.SUBMITTED


@pytest.mark.parametrize(("action", "status"), [("accept", SheetStatus.ACCEPTED), ("return", SheetStatus.RETURNED)])
def test_a_submitted_sheet_is_accepted_or_returned(action, status, term, lead):
    sheet = in_state(term, SheetStatus.SUBMITTED)

    scoring.review_sheet(
        sheet=sheet, version=sheet.version, adjustments={}, by=lead, action=action, return_reason="Thiếu minh chứng."
    )

    sheet.refresh_from_db()
    assert sheet.status == status


@pytest.mark.parametrize("status", [status for status in STATES if status not in SheetStatus.editable_by_member()])
def test_submitting_a_sheet_that_left_the_member_is_refused_and_writes_nothing(status, term, member):
    sheet = in_state(term, status)
    before = snapshot()

    with pytest.raises(ClustersError) as refused:
        submit(sheet, term, member)

    assert refused.value.message == str(SHEETS.refusal(status, SheetStatus.SUBMITTED)) == str(NOT_EDITABLE)
    assert snapshot() == before


@pytest.mark.parametrize("status", sorted(NOT_REVIEWABLE))
@pytest.mark.parametrize("action", ["save", "accept", "return"])
def test_reviewing_a_sheet_that_is_not_submitted_is_refused_and_writes_nothing(status, action, term, lead):
    sheet = in_state(term, status)
    before = snapshot()

    with pytest.raises(ClustersError) as refused:
        scoring.review_sheet(
            sheet=sheet, version=sheet.version, adjustments={}, by=lead, action=action, return_reason="Lý do."
        )

    assert refused.value.message == str(NOT_REVIEWABLE[status])
    assert refused.value.message == str(SHEETS.refusal(status, SheetStatus.ACCEPTED))
    assert_whole_sentence(refused.value.message)
    assert snapshot() == before


def test_the_wrong_phase_names_the_phase_needed_and_the_current_one(db):
    term = scored_term(members=2, phase=PhaseKind.REVIEW)

    with pytest.raises(ClustersError) as refused:
        require_phase(term=term, kind=PhaseKind.SELF_ASSESSMENT)

    assert refused.value.message == (
        "Việc này chỉ thực hiện được trong giai đoạn “Tự chấm điểm”. Giai đoạn hiện tại là “Thẩm định phiếu chấm điểm”."
    )
