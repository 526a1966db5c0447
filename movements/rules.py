"""Who may do what with movements. Role predicates come from the directory."""

import rules

from directory.rules import belongs_to_unit, is_officer, is_signed_in, is_unit_officer

__all__ = ["is_officer", "is_signed_in", "is_unit_officer"]


@rules.predicate
def is_lead_unit_officer(user, movement):
    """The user is a unit officer of the movement's lead unit."""
    if movement is None or not user.is_authenticated or not user.is_unit_officer:
        return False
    movement = getattr(movement, "movement", movement)  # a target or review stands for its movement
    return user.unit_id is not None and user.unit_id == movement.lead_unit_id


@rules.predicate
def has_own_unit(user):
    return user.is_authenticated and user.unit_id is not None


@rules.predicate
def registers_own_unit(user, registration):
    """A unit officer acting for the registration's own unit (a user without that role may not)."""
    return registration is not None and is_unit_officer(user) and belongs_to_unit(user, registration.unit)


can_view_movement = is_signed_in
can_manage_movement = is_officer
can_record_progress = is_officer | is_lead_unit_officer
can_register = is_officer | (is_unit_officer & has_own_unit)
can_follow_registrations = is_officer | is_lead_unit_officer


@rules.predicate
def leads_registration_movement(user, registration):
    return registration is not None and is_lead_unit_officer(user, registration.movement)


@rules.predicate
def leads_entry_movement(user, entry):
    """A unit officer of the lead unit of the progress entry's movement (who may record its progress)."""
    return entry is not None and is_lead_unit_officer(user, entry.target.movement)


# Whoever may record a target's progress may correct or withdraw its entries.
can_correct_progress = is_officer | leads_entry_movement
