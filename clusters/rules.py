"""Who may do what with clusters. Cluster lead rights come from the term: the user's unit leads it.

Object-level predicates take a `Cluster`, a `Term` or a `Sheet`. A unit officer acts only for the
terms its unit leads or belongs to; officers of the provincial office see everything.
"""

import rules

from directory.rules import is_officer, is_unit_officer


@rules.predicate
def is_term_lead(user, term):
    """The user is an officer of the unit that leads this term."""
    return (
        term is not None
        and user.is_authenticated
        and user.is_unit_officer
        and user.unit_id is not None
        and user.unit_id == term.lead_unit_id
    )


@rules.predicate
def is_term_deputy(user, term):
    """The user is an officer of the term's deputy unit (the cluster deputy or bloc deputy)."""
    return (
        term is not None
        and user.is_authenticated
        and user.is_unit_officer
        and user.unit_id is not None
        and term.deputy_unit_id is not None
        and user.unit_id == term.deputy_unit_id
    )


@rules.predicate
def is_term_member(user, term):
    """The user is an officer of one of this term's member units."""
    if term is None or not user.is_authenticated or not user.is_unit_officer or user.unit_id is None:
        return False
    return term.memberships.filter(unit_id=user.unit_id).exists()


@rules.predicate
def takes_part_in_cluster(user, cluster):
    """The user's unit led or belonged to the cluster in some year."""
    if cluster is None or not user.is_authenticated or not user.is_unit_officer or user.unit_id is None:
        return False
    from django.db.models import Q

    return cluster.terms.filter(Q(lead_unit_id=user.unit_id) | Q(memberships__unit_id=user.unit_id)).exists()


@rules.predicate
def results_locked(user, term):
    return term is not None and term.results_locked_at is not None


@rules.predicate
def is_sheet_unit(user, sheet):
    """The user is an officer of the member unit the sheet belongs to."""
    return sheet is not None and user.is_authenticated and user.unit_id is not None and user.unit_id == sheet.unit_id


@rules.predicate
def leads_sheet_term(user, sheet):
    return sheet is not None and is_term_lead(user, sheet.term)


# Who reviews a sheet (fair review): the lead, except its own unit's sheet, which the deputy reviews;
# the provincial office reviews it when there is no deputy or the deputy is conflicted too.
REVIEWED_BY_LEAD, REVIEWED_BY_DEPUTY, REVIEWED_BY_OFFICE = "lead", "deputy", "office"


def sheet_reviewer(sheet, term=None):
    """Who reviews `sheet`: REVIEWED_BY_LEAD, REVIEWED_BY_DEPUTY or REVIEWED_BY_OFFICE (no query)."""
    term = term or sheet.term
    if sheet.unit_id != term.lead_unit_id:
        return REVIEWED_BY_LEAD
    if term.deputy_unit_id is not None and term.deputy_unit_id != sheet.unit_id:
        return REVIEWED_BY_DEPUTY
    return REVIEWED_BY_OFFICE


@rules.predicate
def reviews_sheet(user, sheet):
    """The user is the sheet's reviewer: the lead, the deputy for the lead's own sheet, or the office."""
    if sheet is None:
        return False
    reviewer = sheet_reviewer(sheet)
    if reviewer == REVIEWED_BY_LEAD:
        return is_term_lead(user, sheet.term)
    if reviewer == REVIEWED_BY_DEPUTY:
        return is_term_deputy(user, sheet.term)
    return is_officer(user)


can_view_cluster = is_officer | takes_part_in_cluster
can_view_term = is_officer | is_term_lead | is_term_member
can_view_ranking = is_officer | is_term_lead | (is_term_member & results_locked)
can_view_sheet = is_officer | leads_sheet_term | (is_unit_officer & is_sheet_unit) | reviews_sheet
can_fill_sheet = is_unit_officer & is_sheet_unit
can_review_sheet = reviews_sheet
# After two undecided rounds the lead and the deputy each confirm a choice; an officer of the
# office confirms in a unit's place when that unit is the one chosen (clusters.domain.vote).
can_decide_vote = is_term_lead | is_term_deputy | is_officer
# The review queue: officers follow it, the lead works through it, the deputy finds the lead's sheet.
can_queue_term = is_officer | is_term_lead | is_term_deputy
