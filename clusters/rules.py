"""Who may do what with clusters. Cluster lead rights come from the term: the user's unit leads it."""

import rules


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
def is_term_member(user, term):
    """The user is an officer of one of this term's member units."""
    if term is None or not user.is_authenticated or not user.is_unit_officer or user.unit_id is None:
        return False
    return term.memberships.filter(unit_id=user.unit_id).exists()
