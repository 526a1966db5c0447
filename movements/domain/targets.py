"""Targets of a movement: added, corrected with a reason, removed with a reason (kept for the history)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import because

from ..models import Movement, Target
from . import MovementError, ensure_open, required_reason

DEADLINE_OUTSIDE = _("The deadline {value} lies outside the movement's period: choose a date from {start} to {end}.")


def current_targets(movement):
    """The targets shown on the movement's page (removed ones left out), in their order."""
    return Target.objects.filter(movement=movement, removed_at__isnull=True)


@transaction.atomic
def correct_target(*, target, reason, by):
    """Save the corrected `target` (its fields already changed and validated by the form), saying why.

    Side effects: locks the movement row, saves the target inside `portal.audit.because(reason)`
    (the history shows before, after and the reason). Raises MovementError without a reason or on
    a removed target, MovementClosed on a closed movement.
    """
    reason = required_reason(reason)
    ensure_open(Movement.objects.select_for_update().get(pk=target.movement_id))
    if Target.objects.filter(pk=target.pk, removed_at__isnull=False).exists():
        raise MovementError(_("This target has been removed: it can no longer be changed."))
    with because(reason):
        target.save()
    return target


@transaction.atomic
def remove_target(*, target, reason, by):
    """Remove a target from its movement: it leaves the page, its row and progress stay for the history.

    Side effects: locks the movement and the target, sets `removed_at`, `removed_by` and
    `removal_reason` inside `portal.audit.because(reason)`. Raises MovementError without a reason
    or on a target already removed, MovementClosed on a closed movement.
    """
    reason = required_reason(reason)
    ensure_open(Movement.objects.select_for_update().get(pk=target.movement_id))
    target = Target.objects.select_for_update().get(pk=target.pk)
    if target.removed_at is not None:
        raise MovementError(_("This target has already been removed."))
    target.removed_at = timezone.now()
    target.removed_by = by
    target.removal_reason = reason
    with because(reason):
        target.save(update_fields=["removed_at", "removed_by", "removal_reason", "updated_at"])
    return target
