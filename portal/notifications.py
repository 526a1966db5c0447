"""Telling whoever must act next: a message in each person's inbox, and an e-mail after commit.

`notify(kind=NotificationKind.X, units=[...], users=[...], subject=..., body=..., link=...)`
writes one `Notification` per recipient: the active unit officers of `units` and the active
`users` (each person once). Those with an e-mail address who have not turned e-mail off for
that kind (`NotificationPreference`) are also e-mailed, one e-mail per address, by the Celery
task `portal.send_notification_email`, enqueued when the action's transaction commits (in
embedded mode the task runs in-process). Subject and body are translatable text (lazy strings,
`django.utils.text.format_lazy(...)`), written in the portal's language (`settings.LANGUAGE_CODE`,
Vietnamese) whatever the language of the page that acted. `link` is a path on the portal
(`reverse(...)`): the inbox opens it; the e-mail carries it made absolute with `settings.PORTAL_URL`.

Fail-safe: the inbox rows belong to the action's transaction (nothing for an action rolled back);
the e-mail leaves after commit, and a mail or broker error is logged, never raised: the action has
already happened.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext

from .enums import NotificationKind
from .text import fold

__all__ = ["NotificationKind", "email_enabled_kinds", "notify", "recipients"]

logger = logging.getLogger(__name__)

SUBJECT_MAX = 255
LINK_MAX = 500


def recipient_users(*, units=(), users=()):
    """The people to tell: active unit officers of `units`, and the active `users`, each once (one query).

    The REST API's service users (`portal.models.ApiToken.user`) are never told: a system has no inbox."""
    unit_ids = {getattr(unit, "pk", unit) for unit in units if unit is not None}
    user_ids = {getattr(user, "pk", user) for user in users if user is not None}
    if not unit_ids and not user_ids:
        return []
    condition = Q(pk__in=user_ids)
    if unit_ids:
        condition |= Q(unit_id__in=unit_ids, is_unit_officer=True)
    people = get_user_model().objects.filter(condition, is_active=True, api_token__isnull=True)
    return list(people.order_by("pk").only("pk", "email"))


def recipients(*, units=(), users=()):
    """The addresses of the people `notify` tells (whatever their e-mail preferences)."""
    return sorted({user.email for user in recipient_users(units=units, users=users) if user.email})


def email_enabled_kinds(user):
    """The kinds `user` receives by e-mail (every kind unless turned off)."""
    from .models import NotificationPreference

    off = set(NotificationPreference.objects.filter(user=user, email=False).values_list("kind", flat=True))
    return [kind for kind in NotificationKind.values if kind not in off]


def _link_line(link):
    base = getattr(settings, "PORTAL_URL", "") or ""
    return gettext("On the portal: {link}").format(link=base.rstrip("/") + link)


def _enqueue(*, subject, body, addresses):
    from .tasks import send_notification_email

    try:
        send_notification_email.delay(subject=subject, body=body, addresses=addresses)
    except Exception:  # noqa: BLE001 - a broker down must not break an action already committed
        logger.exception("notification e-mail not enqueued", extra={"subject": subject, "count": len(addresses)})


def notify(*, kind=NotificationKind.OTHER, units=(), users=(), subject, body, link=None):
    """Tell the people who must act next; return how many were told (inbox rows written).

    `kind` (a `NotificationKind`) says which workflow event this is: each person can turn its
    e-mail off, never its inbox message.

    Side effects: one `Notification` per person (in the current transaction); one e-mail per
    address of those who keep e-mail on for `kind`, sent by a Celery task enqueued when the
    current transaction commits (at once outside one). A mail error is logged and the action goes on.
    """
    from .models import Notification, NotificationPreference

    kind = NotificationKind(kind)
    people = recipient_users(units=units, users=users)
    if not people:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        # One line: a header never carries a newline.
        subject_text = " ".join(str(subject).split())[:SUBJECT_MAX]
        body_text = str(body)
        mail_body = f"{body_text}\n\n{_link_line(link)}" if link else body_text
    link = (link or "")[:LINK_MAX]
    search_text = fold(f"{subject_text} {body_text}")
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=person.pk,
                kind=kind,
                subject=subject_text,
                body=body_text,
                link=link,
                search_text=search_text,
            )
            for person in people
        ]
    )
    with_address = [person for person in people if person.email]
    opted_out = set(
        NotificationPreference.objects.filter(
            user_id__in=[person.pk for person in with_address], kind=kind, email=False
        ).values_list("user_id", flat=True)
        if with_address
        else ()
    )
    addresses = sorted({person.email for person in with_address if person.pk not in opted_out})
    if addresses:
        transaction.on_commit(lambda: _enqueue(subject=subject_text, body=mail_body, addresses=addresses))
    return len(people)
