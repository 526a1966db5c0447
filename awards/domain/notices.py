"""Who must act next on a dossier is told (`portal.notifications.notify`: inbox, and e-mail after commit).

Each workflow step calls one function here: a dossier submitted (the provincial officers check it),
returned with the reasons (the proposing unit completes it), verified and sent to the council (the
unit follows it), decided (the unit); a council session recorded (the council members attend it).
"""

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from directory.models import User, provincial_officers
from portal.notifications import NotificationKind, notify

SUBMITTED_SUBJECT = _("A dossier was submitted: {title}")
SUBMITTED_BODY = _("{unit} submitted the dossier \u201c{title}\u201d ({year}): please check it on the portal.")
RETURNED_SUBJECT = _("Your dossier was returned: {title}")
RETURNED_BODY = _(
    "The provincial office returned the dossier \u201c{title}\u201d for completion. Reasons: {reasons} Please "
    "complete it and submit it again on the portal."
)
VERIFIED_SUBJECT = _("Your dossier was verified: {title}")
VERIFIED_BODY = _(
    "The provincial office verified the dossier \u201c{title}\u201d and sent it to the council. You can follow it "
    "on the portal."
)
DECIDED_SUBJECT = _("Your dossier was decided: {title}")
DECIDED_BODY = _(
    "The dossier \u201c{title}\u201d was decided by decision {number} of {day}. The outcome of each nominee is on "
    "the portal."
)
COUNCIL_SUBJECT = _("A council session is scheduled on {day}")
COUNCIL_BODY = _("The commendation council meets on {day}: the dossiers and the votes are on the portal.")


def _proposal_link(proposal):
    return reverse("awards:proposal_detail", args=[proposal.pk])


def dossier_submitted(*, proposal):
    """Tell the provincial officers (the officer role) that a dossier waits for them."""
    return notify(
        kind=NotificationKind.DOSSIER_SUBMITTED,
        users=provincial_officers(),
        subject=format_lazy(SUBMITTED_SUBJECT, title=proposal.title),
        body=format_lazy(SUBMITTED_BODY, unit=proposal.unit, title=proposal.title, year=proposal.year),
        link=_proposal_link(proposal),
    )


def dossier_returned(*, proposal):
    """Tell the proposing unit, with the reasons."""
    return notify(
        kind=NotificationKind.DOSSIER_RETURNED,
        units=[proposal.unit_id],
        subject=format_lazy(RETURNED_SUBJECT, title=proposal.title),
        body=format_lazy(RETURNED_BODY, title=proposal.title, reasons=proposal.returned_reasons),
        link=_proposal_link(proposal),
    )


def dossier_verified(*, proposal):
    """Tell the proposing unit that its dossier passed verification (it is at the council)."""
    return notify(
        kind=NotificationKind.DOSSIER_VERIFIED,
        units=[proposal.unit_id],
        subject=format_lazy(VERIFIED_SUBJECT, title=proposal.title),
        body=format_lazy(VERIFIED_BODY, title=proposal.title),
        link=_proposal_link(proposal),
    )


def dossier_decided(*, proposal, decision):
    """Tell the proposing unit that its dossier was decided."""
    return notify(
        kind=NotificationKind.DOSSIER_DECIDED,
        units=[proposal.unit_id],
        subject=format_lazy(DECIDED_SUBJECT, title=proposal.title),
        body=format_lazy(
            DECIDED_BODY, title=proposal.title, number=decision.number, day=decision.signed_on.strftime("%d/%m/%Y")
        ),
        link=_proposal_link(proposal),
    )


def council_scheduled(*, session):
    """Tell the council members that a session was recorded."""
    day = session.held_on.strftime("%d/%m/%Y")
    return notify(
        kind=NotificationKind.COUNCIL_SCHEDULED,
        users=list(User.objects.filter(is_council_member=True, is_active=True)),
        subject=format_lazy(COUNCIL_SUBJECT, day=day),
        body=format_lazy(COUNCIL_BODY, day=day),
        link=reverse("awards:session_detail", args=[session.pk]),
    )
