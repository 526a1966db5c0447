"""Who may do what with award proposals, council sessions, decisions and history."""

import rules

from directory.rules import is_council_member, is_officer, is_signed_in, is_unit_officer

from .enums import ProposalState


@rules.predicate
def is_proposing_unit_officer(user, proposal):
    """A unit officer acting for the unit that makes the proposal."""
    return (
        proposal is not None
        and user.is_authenticated
        and user.unit_id is not None
        and (user.unit_id == proposal.unit_id)
    )


@rules.predicate
def proposal_is_editable(user, proposal):
    return proposal is not None and proposal.state in ProposalState.editable()


@rules.predicate
def proposal_is_at_council_or_later(user, proposal):
    return proposal is not None and proposal.state in ProposalState.seen_by_council()


@rules.predicate
def is_document_reader(user, document):
    return document is not None and can_view_proposal(user, document.proposal)


can_view_proposal = (
    is_officer | (is_unit_officer & is_proposing_unit_officer) | (is_council_member & proposal_is_at_council_or_later)
)
can_list_proposals = is_officer | is_unit_officer | is_council_member
can_create_proposal = is_officer | is_unit_officer
can_edit_proposal = proposal_is_editable & (is_officer | (is_unit_officer & is_proposing_unit_officer))
can_process_proposal = is_officer
can_view_council = is_officer | is_council_member
can_manage_council = is_officer
can_view_award_records = is_signed_in
can_import_award_records = is_officer
can_correct_award_records = is_officer  # issue 14: awards:record_edit


# --- Corrections (issue 11, "awards" part) ---


@rules.predicate
def proposal_is_draft(user, proposal):
    return proposal is not None and proposal.state == ProposalState.DRAFT


can_discard_proposal = proposal_is_draft & (is_officer | (is_unit_officer & is_proposing_unit_officer))
can_correct_decision = is_officer


# --- Signed originals (issue 15, originals): the office signs decisions and council minutes ---
can_sign_decision = is_officer
can_sign_minutes = is_officer
