"""The movement workflow's table: allowed moves pass, others are refused with their own whole
sentence and write nothing; the allowed-state set on the enum agrees with the table."""

import pytest

from movements.domain import MovementClosed, MovementError
from movements.domain.workflow import MOVEMENTS, REACHED_MESSAGES, change_state
from movements.enums import MovementState
from tests.factories.movements import MovementFactory
from tests.permissions import snapshot
from tests.states import assert_table_is_complete, assert_whole_sentence

STATES = list(MovementState)
ALLOWED = [(current, to) for current in STATES for to in MOVEMENTS.next_states(current)]
REFUSED = [(current, to) for current in STATES for to in STATES if (current, to) not in ALLOWED]


def test_the_table_is_complete_and_every_refusal_is_a_whole_sentence():
    assert_table_is_complete(MOVEMENTS, STATES)


def test_every_reachable_state_has_its_own_success_sentence():
    reachable = {to for current in STATES for to in MOVEMENTS.next_states(current)}

    assert set(REACHED_MESSAGES) == reachable
    for message in REACHED_MESSAGES.values():
        assert_whole_sentence(message)


def test_the_open_states_are_those_after_launch_and_before_closing():
    assert MovementState.open() == MOVEMENTS.sources(MovementState.CLOSED)


@pytest.mark.django_db
@pytest.mark.parametrize(("current", "to"), ALLOWED, ids=[f"{a}->{b}" for a, b in ALLOWED])
def test_each_allowed_move_passes(current, to, officer):
    movement = MovementFactory(state=current)

    change_state(movement=movement, to=to, by=officer)

    movement.refresh_from_db()
    assert movement.state == to
    assert movement.state_changed_by == officer


@pytest.mark.django_db
@pytest.mark.parametrize(("current", "to"), REFUSED, ids=[f"{a}->{b}" for a, b in REFUSED])
def test_each_other_move_is_refused_with_its_sentence_and_writes_nothing(current, to, officer):
    movement = MovementFactory(state=current)
    before = snapshot()

    with pytest.raises(MovementError) as refused:
        change_state(movement=movement, to=to, by=officer)

    assert refused.value.message == str(MOVEMENTS.refusal(current, to))
    assert_whole_sentence(refused.value.message)
    assert snapshot() == before
    if current == MovementState.CLOSED:
        assert isinstance(refused.value, MovementClosed)
