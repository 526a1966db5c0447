"""Adding or removing participating units is kept in the movement's audit history."""

import pytest

from portal.audit import acting_as, history_for
from tests.factories import UnitFactory
from tests.factories.movements import MovementFactory


@pytest.mark.django_db
def test_participating_units_changes_are_in_the_history(officer):
    movement = MovementFactory()
    unit = UnitFactory(name="Sở Tư pháp tỉnh Ninh Bình")

    with acting_as(officer):
        movement.participants.add(unit)
        movement.participants.remove(unit)

    removed, added = history_for(movement)[:2]
    assert (added.actor, added.changes[0].after) == (officer, "Sở Tư pháp tỉnh Ninh Bình")
    assert removed.changes[0].before == "Sở Tư pháp tỉnh Ninh Bình"
