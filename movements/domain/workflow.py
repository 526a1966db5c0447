"""A movement's states: draft -> launched -> running -> interim-reviewed -> closed."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import MovementState
from ..models import Movement
from . import MovementError

# Which state may follow which; closing is possible from every launched state.
TRANSITIONS = {
    MovementState.DRAFT: {MovementState.LAUNCHED},
    MovementState.LAUNCHED: {MovementState.RUNNING, MovementState.CLOSED},
    MovementState.RUNNING: {MovementState.INTERIM_REVIEWED, MovementState.CLOSED},
    MovementState.INTERIM_REVIEWED: {MovementState.RUNNING, MovementState.CLOSED},
    MovementState.CLOSED: set(),
}
ACTION_LABELS = {
    MovementState.LAUNCHED: _("Launch"),
    MovementState.RUNNING: _("Mark as running"),
    MovementState.INTERIM_REVIEWED: _("Mark as interim-reviewed"),
    MovementState.CLOSED: _("Close the movement"),
}


def next_states(movement):
    return [state for state in MovementState if state in TRANSITIONS[MovementState(movement.state)]]


def missing_for_launch(movement):
    """What a draft still needs before it can be launched (field labels)."""
    needed = {
        "launching_authority": movement.launching_authority,
        "starts_on": movement.starts_on,
        "ends_on": movement.ends_on,
        "lead_unit": movement.lead_unit_id,
    }
    return [str(Movement._meta.get_field(name).verbose_name) for name, value in needed.items() if not value]


@transaction.atomic
def change_state(*, movement, to, by):
    """Move `movement` to state `to` on behalf of `by`.

    Side effects: locks the movement row, writes its state, `state_changed_at` and
    `state_changed_by` (the audit log records the change with `by` as actor).
    Raises MovementError when the transition is not allowed from the current state.
    """
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    to = MovementState(to)
    current = MovementState(movement.state)
    if to not in TRANSITIONS[current]:
        raise MovementError(
            _("A movement that is “{current}” cannot become “{to}”.").format(current=current.label, to=to.label)
        )
    if to == MovementState.LAUNCHED:
        missing = missing_for_launch(movement)
        if missing:
            raise MovementError(
                _("The movement cannot be launched yet: fill in {fields}.").format(fields=", ".join(missing))
            )
    movement.state = to
    movement.state_changed_at = timezone.now()
    movement.state_changed_by = by
    movement.save(update_fields=["state", "state_changed_at", "state_changed_by", "updated_at"])
    return movement


def launch_movement(*, movement, by):
    """Launch a draft movement (phát động). Side effects: as change_state."""
    return change_state(movement=movement, to=MovementState.LAUNCHED, by=by)


def close_movement(*, movement, by):
    """Close a movement: from then on it is read-only. Side effects: as change_state."""
    return change_state(movement=movement, to=MovementState.CLOSED, by=by)
