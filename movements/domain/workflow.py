"""A movement's states: draft -> launched -> running -> interim-reviewed -> closed."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import because
from portal.workflow import Transitions

from ..enums import MovementState
from ..models import Movement
from . import MovementClosed, MovementError, ensure_open, required_reason

CLOSED_MESSAGE = MovementClosed.default_message

# Which state may follow which; closing is possible from every launched state. Each refused move
# has its own whole sentence.
MOVEMENTS = Transitions(
    {
        MovementState.DRAFT: {MovementState.LAUNCHED},
        MovementState.LAUNCHED: {MovementState.RUNNING, MovementState.CLOSED},
        MovementState.RUNNING: {MovementState.INTERIM_REVIEWED, MovementState.CLOSED},
        MovementState.INTERIM_REVIEWED: {MovementState.RUNNING, MovementState.CLOSED},
        MovementState.CLOSED: set(),
    },
    refusals={
        MovementState.DRAFT: _("A movement cannot go back to draft."),
        MovementState.LAUNCHED: _("Only a draft movement can be launched."),
        MovementState.RUNNING: _("Only a launched or interim-reviewed movement can be marked as running."),
        MovementState.INTERIM_REVIEWED: _("Only a running movement can be marked as interim-reviewed."),
        MovementState.CLOSED: _("A draft movement cannot be closed: launch it first."),
        (MovementState.LAUNCHED, MovementState.LAUNCHED): _("This movement has already been launched."),
        (MovementState.RUNNING, MovementState.RUNNING): _("This movement is already running."),
        (MovementState.INTERIM_REVIEWED, MovementState.INTERIM_REVIEWED): _(
            "This movement has already been interim-reviewed."
        ),
        **{(MovementState.CLOSED, state): CLOSED_MESSAGE for state in MovementState},
    },
    error=MovementError,
)
TRANSITIONS = MOVEMENTS.table
ACTION_LABELS = {
    MovementState.LAUNCHED: _("Launch"),
    MovementState.RUNNING: _("Mark as running"),
    MovementState.INTERIM_REVIEWED: _("Mark as interim-reviewed"),
    MovementState.CLOSED: _("Close the movement"),
}
# What the officer is told once the movement has reached a state: one whole sentence per state.
REACHED_MESSAGES = {
    MovementState.LAUNCHED: _("The movement has been launched."),
    MovementState.RUNNING: _("The movement is now running."),
    MovementState.INTERIM_REVIEWED: _("The movement is now interim-reviewed."),
    MovementState.CLOSED: _("The movement has been closed."),
}


def next_states(movement):
    return MOVEMENTS.next_states(MovementState(movement.state))


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
    Raises MovementError (MovementClosed on a closed movement) when the table does not allow the
    move from the current state, and writes nothing.
    """
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    to = MovementState(to)
    ensure_open(movement)
    MOVEMENTS.check(MovementState(movement.state), to)
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


# Reopening is the one way out of "closed": an officer's correction with a reason, never a plain move.
REOPENING = Transitions(
    {state: ({MovementState.RUNNING} if state == MovementState.CLOSED else set()) for state in MovementState},
    refusals={MovementState.RUNNING: _("Only a closed movement can be reopened.")},
    error=MovementError,
)


@transaction.atomic
def reopen_movement(*, movement, by, reason):
    """Reopen a closed movement (it runs again and its data can be corrected), saying why.

    Side effects: locks the movement row, writes state "running", `state_changed_at` and
    `state_changed_by` inside `portal.audit.because(reason)` (the history shows the reason).
    Raises MovementError without a reason or when the movement is not closed; writes nothing then.
    """
    reason = required_reason(reason)
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    REOPENING.check(MovementState(movement.state), MovementState.RUNNING)
    movement.state = MovementState.RUNNING
    movement.state_changed_at = timezone.now()
    movement.state_changed_by = by
    with because(reason):
        movement.save(update_fields=["state", "state_changed_at", "state_changed_by", "updated_at"])
    return movement


@transaction.atomic
def delete_draft(*, movement, by, reason=""):
    """Delete a draft movement (nothing has been launched: no unit registered, nothing reported).

    Side effects: locks the movement row and deletes it with its targets and documents (the audit
    log keeps their entries, with `reason` when given). Raises MovementError when the movement is
    no longer a draft, and writes nothing.
    """
    from django.db.models import ProtectedError

    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    if movement.state != MovementState.DRAFT:
        raise MovementError(_("Only a draft movement can be deleted; a launched one can be closed."))
    try:
        with because(reason), transaction.atomic():
            movement.delete()
    except ProtectedError:
        raise MovementError(_("This draft is used elsewhere in the portal and cannot be deleted.")) from None
