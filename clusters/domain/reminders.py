"""Email reminders to members whose sheets are missing shortly before the self-assessment closes."""

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils.translation import gettext as _
from django.utils.translation import override

from directory.models import User

from ..enums import PhaseKind, SheetStatus
from ..models import Phase, Sheet, TermMember

DAYS_BEFORE_CLOSING = 3


def send_sheet_reminders(*, today=None):
    """Email the unit officers of members that have not submitted, three days before the phase closes.

    Side effects: sends one email per officer with an address. Returns how many were sent.
    """
    today = today or date.today()
    closing = today + timedelta(days=DAYS_BEFORE_CLOSING)
    messages = []
    for phase in Phase.objects.filter(kind=PhaseKind.SELF_ASSESSMENT, ends_on=closing, is_active=True).select_related(
        "term__cluster"
    ):
        done = Sheet.objects.filter(
            term=phase.term, status__in=[SheetStatus.SUBMITTED, SheetStatus.ACCEPTED]
        ).values_list("unit_id", flat=True)
        missing = TermMember.objects.filter(term=phase.term).exclude(unit_id__in=done).values_list("unit_id", flat=True)
        officers = User.objects.filter(unit_id__in=missing, is_unit_officer=True, is_active=True).exclude(email="")
        with override(settings.LANGUAGE_CODE):
            subject = _("Reminder: the self-assessment of {term} closes on {day}").format(
                term=phase.term, day=phase.ends_on.strftime("%d/%m/%Y")
            )
            body = _(
                "Your unit has not yet submitted its self-assessment sheet for {term}. "
                "Scoring closes on {day}: please fill in and submit the sheet on the portal."
            ).format(term=phase.term, day=phase.ends_on.strftime("%d/%m/%Y"))
        messages += [(subject, body, None, [officer.email]) for officer in officers]
    if messages:
        send_mass_mail(messages, fail_silently=False)
    return len(messages)
