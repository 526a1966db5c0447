"""Email reminders to members whose sheets are missing shortly before the self-assessment closes."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from portal.notifications import NotificationKind, notify

from ..enums import PhaseKind, SheetStatus
from ..models import Phase, Sheet, TermMember

DAYS_BEFORE_CLOSING = 3


def send_sheet_reminders(*, today=None):
    """Email the unit officers of members that have not submitted, three days before the phase closes.

    Side effects: an inbox message for each officer, and an email to those with an address who keep
    it on (`portal.notifications.notify`, after commit). Returns how many people were told.
    """
    today = today or date.today()
    closing = today + timedelta(days=DAYS_BEFORE_CLOSING)
    sent = 0
    for phase in Phase.objects.filter(kind=PhaseKind.SELF_ASSESSMENT, ends_on=closing, is_active=True).select_related(
        "term__cluster"
    ):
        done = Sheet.objects.filter(
            term=phase.term, status__in=[SheetStatus.SUBMITTED, SheetStatus.ACCEPTED]
        ).values_list("unit_id", flat=True)
        missing = TermMember.objects.filter(term=phase.term).exclude(unit_id__in=done).values_list("unit_id", flat=True)
        day = phase.ends_on.strftime("%d/%m/%Y")
        sent += notify(
            kind=NotificationKind.PHASE_CLOSING,
            units=list(missing),
            subject=format_lazy(_("Reminder: the self-assessment of {term} closes on {day}"), term=phase.term, day=day),
            body=format_lazy(
                _(
                    "Your unit has not yet submitted its self-assessment sheet for {term}. "
                    "Scoring closes on {day}: please fill in and submit the sheet on the portal."
                ),
                term=phase.term,
                day=day,
            ),
            link=reverse("clusters:term_detail", args=[phase.term.pk]),
        )
    return sent
