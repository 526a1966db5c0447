"""The proposal workflow's table: every allowed move passes through its domain function, every other
move is refused with its own whole sentence and writes nothing, and the allowed-state sets on the
enum agree with the table."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.domain import AwardsError, catalogue, workflow
from awards.domain.decisions import decide
from awards.domain.documents import upload_document
from awards.domain.imports import import_nominees
from awards.domain.workflow import NOT_EDITABLE, NOT_RECHECKABLE, PROPOSALS
from awards.enums import ProposalState
from tests.factories.awards import NomineeFactory, ProposalFactory, catalogue_award
from tests.factories.directory import PersonFactory, UserFactory
from tests.permissions import snapshot
from tests.states import assert_table_is_complete, assert_whole_sentence

PDF = b"%PDF-1.4\n% dossier\n"
STATES = list(ProposalState)
ALLOWED = [(current, to) for current in STATES for to in PROPOSALS.next_states(current)]
REFUSED = [
    (current, to) for current in STATES for to in STATES if to != ProposalState.DRAFT and (current, to) not in ALLOWED
]
TODAY = date(2025, 12, 1)


def move(proposal, to, user):
    """Call the domain function that moves a proposal to `to`, with everything else it needs."""
    if to == ProposalState.SUBMITTED:
        return workflow.submit(proposal=proposal, by=user, today=TODAY)
    if to == ProposalState.RETURNED:
        return workflow.return_for_completion(proposal=proposal, reasons="Thiếu biên bản họp.", by=user)
    if to == ProposalState.UNDER_VERIFICATION:
        return workflow.start_verification(proposal=proposal, by=user)
    if to == ProposalState.AT_COUNCIL:
        return workflow.send_to_council(proposal=proposal, by=user)
    if to == ProposalState.PUBLIC_NOTICE:
        return workflow.publish_notice(proposal=proposal, until=date(2025, 12, 28), by=user, today=TODAY)
    if to == ProposalState.DECIDED:
        return decide(
            proposal=proposal,
            number=f"{proposal.pk}/QĐ-UBND",
            signed_on=date(2025, 12, 30),
            signer="Phạm Quang Ngọc",
            level="provincial",
            outcomes={},
            by=user,
        )
    assert to == ProposalState.FORWARDED
    return workflow.forward(proposal=proposal, by=user)


@pytest.fixture
def user(db):
    return UserFactory(is_provincial_officer=True)


def proposal_in(state):
    return ProposalFactory(state=state, submitted_on=TODAY if state != ProposalState.DRAFT else None)


def test_the_table_is_complete_and_every_refusal_is_a_whole_sentence():
    assert_table_is_complete(PROPOSALS, STATES)
    assert_whole_sentence(NOT_EDITABLE)
    assert_whole_sentence(NOT_RECHECKABLE)


def test_the_allowed_state_sets_agree_with_the_table():
    assert PROPOSALS.sources(ProposalState.SUBMITTED) == ProposalState.editable()
    assert PROPOSALS.sources(ProposalState.RETURNED) == ProposalState.with_office()
    assert ProposalState.recheckable() == ProposalState.editable() | ProposalState.with_office()
    reached, frontier = set(), {ProposalState.AT_COUNCIL}
    while frontier:
        reached |= frontier
        frontier = {after for state in frontier for after in PROPOSALS.next_states(state)} - reached
    assert ProposalState.seen_by_council() == reached


@pytest.mark.django_db
@pytest.mark.parametrize(("current", "to"), ALLOWED, ids=[f"{a}->{b}" for a, b in ALLOWED])
def test_each_allowed_move_passes(current, to, user, parameters, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    proposal = proposal_in(current)
    if to == ProposalState.SUBMITTED:
        NomineeFactory(proposal=proposal, person=PersonFactory(unit=proposal.unit))
        proposal.state = ProposalState.DRAFT
        proposal.save(update_fields=["state"])
        for kind in ("cover_letter", "achievement_report", "vote_minutes", "evidence"):
            upload_document(proposal=proposal, kind=kind, uploaded_file=SimpleUploadedFile("a.pdf", PDF), by=user)
        proposal.state = current
        proposal.save(update_fields=["state"])

    move(proposal, to, user)

    proposal.refresh_from_db()
    assert proposal.state == to


@pytest.mark.django_db
@pytest.mark.parametrize(("current", "to"), REFUSED, ids=[f"{a}->{b}" for a, b in REFUSED])
def test_each_other_move_is_refused_with_its_sentence_and_writes_nothing(current, to, user, parameters):
    proposal = proposal_in(current)
    before = snapshot()

    with pytest.raises(AwardsError) as refused:
        move(proposal, to, user)

    assert refused.value.message == str(PROPOSALS.refusal(current, to))
    assert_whole_sentence(refused.value.message)
    assert snapshot() == before


@pytest.mark.django_db
def test_submitting_twice_reads_as_one_sentence_not_a_state_label_inside_a_sentence(user):
    proposal = proposal_in(ProposalState.SUBMITTED)

    with pytest.raises(AwardsError) as refused:
        workflow.submit(proposal=proposal, by=user)

    assert refused.value.message == "Hồ sơ này đã được nộp."


NOT_EDITABLE_STATES = [state for state in STATES if state not in ProposalState.editable()]


@pytest.mark.django_db
@pytest.mark.parametrize("state", NOT_EDITABLE_STATES)
def test_changing_the_dossier_outside_the_editable_states_is_refused(state, user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    proposal = proposal_in(state)
    nominee = NomineeFactory(proposal=proposal)
    person = PersonFactory(unit=proposal.unit)
    before = snapshot()

    with pytest.raises(AwardsError) as added:
        workflow.add_nominee(
            proposal=proposal, award=catalogue_award(catalogue.ADVANCED_WORKER), person=person, by=user
        )
    with pytest.raises(AwardsError) as removed:
        workflow.remove_nominee(nominee=nominee, by=user)
    with pytest.raises(AwardsError):
        upload_document(proposal=proposal, kind="evidence", uploaded_file=SimpleUploadedFile("a.pdf", PDF), by=user)
    with pytest.raises(AwardsError):
        import_nominees(proposal=proposal, uploaded_file=SimpleUploadedFile("a.xlsx", b""), by=user)

    assert added.value.message == removed.value.message == str(NOT_EDITABLE)
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("state", [state for state in STATES if state not in ProposalState.recheckable()])
def test_rechecking_after_the_council_is_refused(state, user):
    proposal = proposal_in(state)
    before = snapshot()

    with pytest.raises(AwardsError) as refused:
        workflow.recheck(proposal=proposal, by=user)

    assert refused.value.message == str(NOT_RECHECKABLE)
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("state", sorted(ProposalState.recheckable()))
def test_rechecking_is_allowed_until_the_council(state, user):
    proposal = proposal_in(state)

    workflow.recheck(proposal=proposal, by=user)

    proposal.refresh_from_db()
    assert proposal.state == state
