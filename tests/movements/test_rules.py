"""The movements' rules on unsaved users and records (no database)."""

import pytest

from directory.models import Unit
from movements import rules as movement_rules
from movements.models import Movement, MovementReview, Registration, Target
from tests.permissions import MEMBER_UNIT, OTHER_UNIT, SIGNED_IN, unsaved_cast, who_may

OFFICERS = {"officer", "administrator"}
NOBODYS_UNIT = 4  # no user of the cast works there


def led_by(unit_pk):
    return Movement(pk=10, lead_unit_id=unit_pk)


def test_the_lead_unit_officer_is_the_unit_officer_of_the_lead_unit():
    cast = unsaved_cast()

    assert movement_rules.is_lead_unit_officer(cast["unit_officer"], led_by(MEMBER_UNIT))
    assert not movement_rules.is_lead_unit_officer(cast["unit_officer"], led_by(OTHER_UNIT))
    # An officer of another kind working for the lead unit is not its lead unit officer.
    assert not movement_rules.is_lead_unit_officer(cast["outsider"], led_by(OTHER_UNIT))
    assert not movement_rules.is_lead_unit_officer(cast["anonymous"], led_by(MEMBER_UNIT))
    assert not movement_rules.is_lead_unit_officer(cast["unit_officer"], None)


def test_a_target_or_a_review_stands_for_its_movement():
    unit_officer = unsaved_cast()["unit_officer"]

    assert movement_rules.is_lead_unit_officer(unit_officer, Target(movement=led_by(MEMBER_UNIT)))
    assert movement_rules.is_lead_unit_officer(unit_officer, MovementReview(movement=led_by(MEMBER_UNIT)))
    assert not movement_rules.is_lead_unit_officer(unit_officer, Target(movement=led_by(OTHER_UNIT)))


@pytest.mark.parametrize(
    ("permission", "lead_unit", "allowed"),
    [
        ("movements.view_movement", OTHER_UNIT, SIGNED_IN),
        ("movements.change_movement", MEMBER_UNIT, OFFICERS),
        ("movements.transition_movement", MEMBER_UNIT, OFFICERS),
        ("movements.record_progress_movement", MEMBER_UNIT, OFFICERS | {"unit_officer"}),
        ("movements.record_progress_movement", OTHER_UNIT, OFFICERS),
        ("movements.follow_registrations_movement", MEMBER_UNIT, OFFICERS | {"unit_officer"}),
        ("movements.follow_registrations_movement", OTHER_UNIT, OFFICERS),
        # Any unit officer registers their own unit, lead or not.
        ("movements.register_movement", OTHER_UNIT, OFFICERS | {"unit_officer"}),
    ],
)
def test_movement_permissions(permission, lead_unit, allowed):
    assert who_may(permission, led_by(lead_unit)) == allowed


def test_progress_on_a_target_follows_the_movements_lead():
    assert who_may("movements.record_progress_target", Target(movement=led_by(MEMBER_UNIT))) == OFFICERS | {
        "unit_officer"
    }
    assert who_may("movements.record_progress_target", Target(movement=led_by(OTHER_UNIT))) == OFFICERS


def test_a_unit_officer_without_a_unit_cannot_register():
    user = unsaved_cast()["unit_officer"]
    user.unit_id = None

    assert not movement_rules.has_own_unit(user)
    assert not movement_rules.can_register(user, led_by(OTHER_UNIT))


@pytest.mark.parametrize(
    ("unit", "lead_unit", "allowed"),
    [
        (MEMBER_UNIT, OTHER_UNIT, OFFICERS | {"unit_officer"}),  # its own registration
        (NOBODYS_UNIT, MEMBER_UNIT, OFFICERS | {"unit_officer"}),  # the movement it leads
        (NOBODYS_UNIT, OTHER_UNIT, OFFICERS),
    ],
)
def test_a_registration_is_seen_by_officers_its_unit_and_the_lead(unit, lead_unit, allowed):
    registration = Registration(unit=Unit(pk=unit), movement=led_by(lead_unit))

    assert who_may("movements.view_registration", registration) == allowed


def test_a_registration_is_changed_by_officers_and_its_own_unit_only():
    own = Registration(unit=Unit(pk=MEMBER_UNIT), movement=led_by(OTHER_UNIT))
    led = Registration(unit=Unit(pk=NOBODYS_UNIT), movement=led_by(MEMBER_UNIT))

    assert who_may("movements.change_registration", own) == OFFICERS | {"unit_officer"}
    assert who_may("movements.change_registration", led) == OFFICERS
    assert who_may("movements.delete_registration", own) == OFFICERS


def test_a_user_without_the_unit_officer_role_does_not_act_for_their_units_registration():
    outsiders_registration = Registration(unit=Unit(pk=OTHER_UNIT), movement=led_by(NOBODYS_UNIT))

    assert who_may("movements.view_registration", outsiders_registration) == OFFICERS
    assert who_may("movements.change_registration", outsiders_registration) == OFFICERS
