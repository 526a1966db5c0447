"""Registrations of units for a movement, and reminders to those that have not registered."""

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


def request_reminders(*, movement, by, portal_url=""):
    """Ask the worker to email the officers of the units that have not registered.

    `portal_url` ("https://thidua.example.vn") makes the link in the email absolute.

    Side effects: enqueues the `movements.remind_unregistered` task once the transaction commits.
    Returns how many units will be reminded. Raises MovementClosed on a closed movement.
    """
    from ..tasks import remind_unregistered

    ensure_open(movement)
    count = unregistered_units(movement).count()
    if count:
        movement_id = movement.pk
        transaction.on_commit(lambda: remind_unregistered.delay(movement_id=movement_id, portal_url=portal_url))
    return count


def send_reminders(*, movement, portal_url=""):
    """Email every unit officer (with an address) of each unit that has not registered.

    Side effects: sends one email per unit; sets `movement.last_reminded_at`. Returns the number
    of emails sent.
    """
    from django.conf import settings
    from django.core.mail import EmailMessage, get_connection
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    from directory.models import User

    units = list(unregistered_units(movement).order_by("search_text"))
    recipients = {}
    for user in User.objects.filter(unit__in=units, is_unit_officer=True, is_active=True).exclude(email=""):
        recipients.setdefault(user.unit_id, []).append(user.email)
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        subject = str(_("Reminder: register for the movement “{name}”")).format(name=movement.name)
        for unit in units:
            if unit.pk not in recipients:
                continue
            body = render_to_string(
                "movements/email/reminder.txt",
                {
                    "movement": movement,
                    "unit": unit,
                    "link": portal_url.rstrip("/") + reverse("movements:registration_edit", args=[movement.pk]),
                },
            )
            messages.append(EmailMessage(subject=subject, body=body, to=sorted(recipients[unit.pk])))
    sent = get_connection().send_messages(messages) if messages else 0
    Movement.objects.filter(pk=movement.pk).update(last_reminded_at=timezone.now())
    return sent or 0
