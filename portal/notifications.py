"""Telling whoever must act next: one email per person, sent after the action's transaction commits.

`notify(kind=NotificationKind.X, units=[...], users=[...], subject=..., body=..., link=...)`
emails the active unit officers
(with an address) of `units` and the active `users` with an address. Subject and body are
translatable text (lazy strings, `django.utils.text.format_lazy(...)`), written in the portal's
language (`settings.LANGUAGE_CODE`, Vietnamese) whatever the language of the page that acted. `link`
is a path on the portal (`reverse(...)`), made absolute with `settings.PORTAL_URL` when it is set.

Fail-safe: the mail is sent after commit (nothing is sent for an action rolled back), and a mail
error is logged, never raised: the action has already happened.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class NotificationKind(models.TextChoices):
    """The workflow events someone must act on; a person can turn e-mail off per kind."""

    DOSSIER_SUBMITTED = "dossier_submitted", _("dossier submitted")
    DOSSIER_RETURNED = "dossier_returned", _("dossier returned")
    DOSSIER_VERIFIED = "dossier_verified", _("dossier verified")
    DOSSIER_DECIDED = "dossier_decided", _("dossier decided")
    SHEET_SUBMITTED = "sheet_submitted", _("scoring sheet submitted")
    SHEET_RETURNED = "sheet_returned", _("scoring sheet returned")
    SHEET_ACCEPTED = "sheet_accepted", _("scoring sheet accepted")
    REPORT_SUBMITTED = "report_submitted", _("report submitted")
    REPORT_RETURNED = "report_returned", _("report returned")
    PHASE_OPENED = "phase_opened", _("phase opened")
    PHASE_CLOSING = "phase_closing", _("phase closing soon")
    COUNCIL_SCHEDULED = "council_scheduled", _("council session scheduled")
    REMINDER = "reminder", _("reminder")
    OTHER = "other", _("other notice")


def recipients(*, units=(), users=()):
    """The addresses to write to: active unit officers of `units`, and active `users`, with an email."""
    unit_ids = {getattr(unit, "pk", unit) for unit in units if unit is not None}
    addresses = set()
    if unit_ids:
        addresses |= set(
            get_user_model()
            .objects.filter(unit_id__in=unit_ids, is_unit_officer=True, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    addresses |= {user.email for user in users if user is not None and user.is_active and user.email}
    return sorted(addresses)


def _link_line(link):
    base = getattr(settings, "PORTAL_URL", "") or ""
    return gettext("On the portal: {link}").format(link=base.rstrip("/") + link)


def notify(*, kind=NotificationKind.OTHER, units=(), users=(), subject, body, link=None):
    """Email the people who must act next, after commit; return how many addresses are written to.

    `kind` (a `NotificationKind`) says which workflow event this is.

    Side effects: one email per address (sent when the current transaction commits, at once outside
    one). A mail error is logged (`portal.notifications`) and the action goes on.
    """
    addresses = recipients(units=units, users=users)
    if not addresses:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject_text = " ".join(str(subject).split())  # one line: a header never carries a newline
        body_text = str(body)
        if link:
            body_text = f"{body_text}\n\n{_link_line(link)}"

    def send():
        messages = [EmailMessage(subject=subject_text, body=body_text, to=[address]) for address in addresses]
        try:
            get_connection().send_messages(messages)
        except Exception:  # noqa: BLE001 - a mail server down must not undo or break the action
            logger.exception("notification not sent", extra={"subject": subject_text, "count": len(messages)})

    transaction.on_commit(send)
    return len(addresses)
