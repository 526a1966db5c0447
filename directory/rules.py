"""Who may do what in the directory. Role predicates here are shared by every app."""

import rules


@rules.predicate
def is_administrator(user):
    return user.is_authenticated and user.is_active and user.is_superuser


@rules.predicate
def is_provincial_officer(user):
    return user.is_authenticated and user.is_active and user.is_provincial_officer


@rules.predicate
def is_unit_officer(user):
    return user.is_authenticated and user.is_active and user.is_unit_officer


@rules.predicate
def is_council_member(user):
    return user.is_authenticated and user.is_active and user.is_council_member


@rules.predicate
def is_signed_in(user):
    return user.is_authenticated and user.is_active


# Officers of the provincial office, and administrators, see and manage everything.
is_officer = is_provincial_officer | is_administrator


@rules.predicate
def belongs_to_unit(user, unit):
    """The user works for this unit (a unit officer acts for their own unit only)."""
    return unit is not None and user.is_authenticated and user.unit_id == unit.pk


@rules.predicate
def works_with_person(user, person):
    return person is not None and user.is_authenticated and user.unit_id == person.unit_id


# The one definition of who reads audit history, for every app (portal.audit.history_visible_to).
can_view_history = is_officer
rules.add_perm("portal.view_history", can_view_history)
can_import_directory = is_officer
can_view_person = is_officer | (is_unit_officer & works_with_person)


def rating_scope(user):
    """(person unit ids, unit ids) of a unit officer's own unit: see directory.domain.lineage.unit_scope."""
    from .domain.lineage import unit_scope

    cached = getattr(user, "_rating_scope", None)
    if cached is None or cached[0] != user.unit_id:
        cached = (user.unit_id, unit_scope(user.unit) if user.unit_id else (frozenset(), frozenset()))
        user._rating_scope = cached
    return cached[1]


@rules.predicate
def rates_within_own_unit(user, rating):
    """The rating's person or collective lies within the user's unit (its people, merged units, sub-units)."""
    if rating is None or not user.is_authenticated or not user.unit_id:
        return False
    person_units, units = rating_scope(user)
    if rating.person_id:
        return rating.person.unit_id in person_units
    return rating.unit_id in units


# Ratings of duty completion (issue 12): officers rate anyone, a unit officer its own unit and its people.
can_rate_anyone = is_officer
can_rate = is_officer | (is_unit_officer & rates_within_own_unit)
can_list_ratings = is_officer | is_unit_officer
