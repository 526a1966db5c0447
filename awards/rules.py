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


# --- Certificates (issue 15, "certificates" part) ---


@rules.predicate
def is_recipient_unit_officer(user, record):
    """A unit officer of the unit an award record names (the collective, or the individual's unit)."""
    return (
        record is not None
        and user.is_authenticated
        and user.unit_id is not None
        and getattr(record, "unit_id", None) == user.unit_id
    )


can_print_certificates = is_officer  # a decision's certificates on the pre-printed blanks
can_issue_certificate = is_officer | (is_unit_officer & is_recipient_unit_officer)  # a record's signed PDF
# --- Public notices and the register (issue 16, public) ---
# The provincial office publishes a notice list, moderates and answers the public's comments and puts
# decisions in the public register; a unit or the council reads its dossier's published comments only.
can_publish_notice = is_officer
can_moderate_comments = is_officer
can_publish_decision = is_officer
# --- The upward package (issue 16, upward) ---


@rules.predicate
def is_package_unit_officer(user, package):
    """A unit officer of the unit whose proposal the package carries: it sees the packages and their
    sending, read-only (the zip holds the council's minutes of other units' nominees: officers only)."""
    return package is not None and is_proposing_unit_officer(user, package.proposal)


can_build_upward_package = is_officer  # on a proposal; administrators only if they are officers too
can_view_upward_package = is_officer | (is_unit_officer & is_package_unit_officer)
can_download_upward_package = is_officer
can_send_upward_package = is_officer

rules.add_perm("awards.build_upward_package", can_build_upward_package)  # on a proposal
# --- Signed originals (issue 15, originals): the office signs decisions and council minutes ---
can_sign_decision = is_officer
can_sign_minutes = is_officer
