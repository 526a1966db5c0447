"""The directory's rules on unsaved users and records: no database, so each predicate is checked on
its own (the permission matrix checks the same rules through the pages)."""

import pytest
import rules

from directory import rules as directory_rules
from directory.models import Person, Unit, User
from tests.permissions import MEMBER_UNIT, OFFICE_UNIT, OTHER_UNIT, SIGNED_IN, unsaved_cast, who_may

OFFICERS = {"officer", "administrator"}


@pytest.mark.parametrize(
    ("predicate", "holders"),
    [
        (directory_rules.is_administrator, {"administrator"}),
        (directory_rules.is_provincial_officer, {"officer"}),
        (directory_rules.is_unit_officer, {"unit_officer"}),
        (directory_rules.is_council_member, {"council_member"}),
        (directory_rules.is_signed_in, SIGNED_IN),
        (directory_rules.is_officer, OFFICERS),
    ],
)
def test_role_predicates(predicate, holders):
    assert {role for role, user in unsaved_cast().items() if predicate(user)} == holders


@pytest.mark.parametrize(
    "predicate",
    [
        directory_rules.is_administrator,
        directory_rules.is_provincial_officer,
        directory_rules.is_unit_officer,
        directory_rules.is_council_member,
        directory_rules.is_signed_in,
    ],
)
def test_a_deactivated_user_holds_no_role(predicate):
    user = User(
        is_active=False, is_superuser=True, is_provincial_officer=True, is_unit_officer=True, is_council_member=True
    )

    assert not predicate(user)


def test_belongs_to_unit_is_about_the_users_own_unit():
    cast = unsaved_cast()

    assert directory_rules.belongs_to_unit(cast["unit_officer"], Unit(pk=MEMBER_UNIT))
    assert not directory_rules.belongs_to_unit(cast["unit_officer"], Unit(pk=OTHER_UNIT))
    assert not directory_rules.belongs_to_unit(cast["unit_officer"], None)
    assert not directory_rules.belongs_to_unit(cast["anonymous"], Unit(pk=MEMBER_UNIT))


def test_works_with_person_compares_units():
    cast = unsaved_cast()

    assert directory_rules.works_with_person(cast["officer"], Person(unit_id=OFFICE_UNIT))
    assert not directory_rules.works_with_person(cast["officer"], Person(unit_id=MEMBER_UNIT))
    assert not directory_rules.works_with_person(cast["officer"], None)
    assert not directory_rules.works_with_person(cast["anonymous"], Person(unit_id=OFFICE_UNIT))


@pytest.mark.parametrize(
    ("person_unit", "readers"),
    [(MEMBER_UNIT, OFFICERS | {"unit_officer"}), (OTHER_UNIT, OFFICERS), (OFFICE_UNIT, OFFICERS)],
)
def test_a_person_is_seen_by_officers_and_the_unit_officer_of_their_unit(person_unit, readers):
    # The council member works for the office unit too, but holds no right on its people.
    assert who_may("directory.view_person", Person(unit_id=person_unit)) == readers


def test_people_and_units_are_managed_by_officers_and_deleted_by_administrators():
    person, unit = Person(unit_id=MEMBER_UNIT), Unit(pk=MEMBER_UNIT)

    assert who_may("directory.change_person", person) == OFFICERS
    assert who_may("directory.delete_person", person) == {"administrator"}
    assert who_may("directory.view_unit", unit) == SIGNED_IN
    assert who_may("directory.change_unit", unit) == OFFICERS
    assert who_may("directory.delete_unit", unit) == {"administrator"}


def test_on_an_object_the_rules_decide_for_administrators_too():
    administrator = unsaved_cast()["administrator"]
    rules.add_perm("tests.touch_unit", directory_rules.is_provincial_officer)
    try:
        assert not administrator.has_perm("tests.touch_unit", Unit(pk=OFFICE_UNIT))
        assert User(is_superuser=True, is_active=False).has_perm("directory.view_unit", Unit()) is False
        # Without an object, a superuser keeps Django's pass (configuration, Django admin).
        assert administrator.has_perm("tests.touch_unit")
    finally:
        rules.remove_perm("tests.touch_unit")
