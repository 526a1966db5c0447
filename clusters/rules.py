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


can_view_cluster = is_officer | takes_part_in_cluster
can_view_term = is_officer | is_term_lead | is_term_member
can_view_ranking = is_officer | is_term_lead | (is_term_member & results_locked)
can_view_sheet = is_officer | leads_sheet_term | (is_unit_officer & is_sheet_unit)
can_fill_sheet = is_unit_officer & is_sheet_unit
can_review_sheet = leads_sheet_term
# After two undecided rounds the lead and the deputy each confirm a choice; an officer of the
# office confirms in a unit's place when that unit is the one chosen (clusters.domain.vote).
can_decide_vote = is_term_lead | is_term_deputy | is_officer
