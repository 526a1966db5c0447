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
