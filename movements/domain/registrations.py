"""Registrations of units for a movement, and reminders to those that have not registered."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Unit

from ..models import Movement, Registration
from . import MovementError, ensure_open


@transaction.atomic
def register_unit(*, movement, unit, commitments, aimed_titles, by):
    """Register `unit` for `movement` (or update its registration) on behalf of `by`.

    Side effects: locks the movement row, creates or updates the unit's Registration, and adds
    the unit to the movement's participants. Raises MovementClosed on a closed movement and
    MovementError when the movement is not open for registration.
    """
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    ensure_open(movement)
    if not movement.is_open_for_registration:
        raise MovementError(_("Units can register once the movement has been launched."))
    registration = Registration.objects.filter(movement=movement, unit=unit).first()
    if registration is None:
        registration = Registration(movement=movement, unit=unit, registered_by=by)
    registration.commitments = commitments
    registration.aimed_titles = aimed_titles
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        raise MovementError(_("This unit has already registered for this movement.")) from None
    movement.participants.add(unit)
    return registration


def registration_overview(movement):
    """(registrations, participating units that have not registered), two queries."""
    registrations = list(
        Registration.objects.filter(movement=movement)
        .select_related("unit", "registered_by")
        .order_by("unit__search_text", "pk")
    )
    registered = {registration.unit_id for registration in registrations}
    missing = [unit for unit in movement.participants.order_by("search_text") if unit.pk not in registered]
    return registrations, missing


def unregistered_units(movement):
    return Unit.objects.filter(movements=movement).exclude(movement_registrations__movement=movement)


@dataclass(frozen=True)
class ReminderRequest:
    """What `request_reminders` asked for: how many units, and when (to recognise its result)."""

    count: int
    requested_at: object

    def __bool__(self):
        return self.count > 0


def request_reminders(*, movement, by, portal_url=""):
    """Ask the worker to email the officers of the units that have not registered.

    `portal_url` ("https://thidua.example.vn") makes the link in the email absolute.

    Side effects: enqueues the `movements.remind_unregistered` task once the transaction commits.
    Returns a ReminderRequest (how many units are to be reminded, and when it was asked); what was
    really sent is recorded on the movement by the task (`send_reminders`). Raises MovementClosed
    on a closed movement.
    """
    from ..tasks import remind_unregistered

    ensure_open(movement)
    requested = ReminderRequest(count=unregistered_units(movement).count(), requested_at=timezone.now())
    if requested.count:
        movement_id = movement.pk
        transaction.on_commit(lambda: remind_unregistered.delay(movement_id=movement_id, portal_url=portal_url))
    return requested


def send_reminders(*, movement, portal_url=""):
    """Remind each unit that has not registered (its active unit officers with an email address).

    Side effects: one `portal.notifications.notify(kind=REMINDER, units=[unit], ...)` per unit
    that has such an officer; records on the movement what really happened: `last_reminded_at`,
    the units written to (`last_reminder_sent_to`) and those no one could be written to
    (`last_reminder_unreachable`). Returns the number of units reminded.
    """
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    from portal.notifications import NotificationKind, notify

    units = list(unregistered_units(movement).order_by("search_text"))
    link = reverse("movements:registration_edit", args=[movement.pk])
    reached, unreachable = [], []
    with translation.override(settings.LANGUAGE_CODE):
        subject = str(_("Reminder: register for the movement “{name}”")).format(name=movement.name)
        for unit in units:
            body = render_to_string(
                "movements/email/reminder.txt",
                {"movement": movement, "unit": unit, "link": portal_url.rstrip("/") + link},
            )
            written = notify(kind=NotificationKind.REMINDER, units=[unit], subject=subject, body=body, link=link)
            (reached if written else unreachable).append(unit.name)
    Movement.objects.filter(pk=movement.pk).update(
        last_reminded_at=timezone.now(),
        last_reminder_sent_to="\n".join(reached),
        last_reminder_unreachable="\n".join(unreachable),
    )
    return len(reached)


def reminder_outcome(movement):
    """What the movement's last reminder did, as (message level, one sentence) pairs for the page."""
    from django.contrib import messages

    if movement.last_reminded_at is None:
        return []
    outcome = []
    reached, unreachable = movement.reminded_units, movement.unreachable_units
    if reached:
        outcome.append(
            (
                messages.SUCCESS,
                _("Reminders were sent to {count} units: {units}.").format(
                    count=len(reached), units="; ".join(reached)
                ),
            )
        )
    else:
        outcome.append((messages.WARNING, _("No reminder could be sent.")))
    if unreachable:
        outcome.append(
            (
                messages.WARNING,
                _("These units have no unit officer with an email address and were not reminded: {units}.").format(
                    units="; ".join(unreachable)
                ),
            )
        )
    return outcome


def reminder_feedback(movement, *, requested):
    """What to tell the officer who asked for reminders (`requested`, a ReminderRequest).

    When the task has already run (embedded mode), the truth: the units reminded and those that
    could not be. When a worker will send them, that they are on their way and that the page will
    show the result.
    """
    from django.contrib import messages

    done = movement.last_reminded_at is not None and movement.last_reminded_at >= requested.requested_at
    if done:
        return reminder_outcome(movement)
    return [
        (
            messages.INFO,
            _(
                "Reminders to {count} units that have not registered are on their way; "
                "this page shows to whom they were sent once they are."
            ).format(count=requested.count),
        )
    ]
