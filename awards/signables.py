"""The awards' documents the portal signs (issue 15, originals): a decision and a council session's
minutes, each through the PDF its page already offers (`decision_pdf`, `minutes_pdf`)."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from portal.notifications import NotificationKind, notify
from portal.originals.registry import Signable, register

from .domain.decision_document import decision_pdf, signature
from .domain.minutes_document import minutes_pdf
from .models import CouncilSession, Decision
from .rules import can_sign_decision, can_sign_minutes

SIGNED_SUBJECT = _("Decision {number} was signed digitally")
SIGNED_BODY = _(
    "Decision {number} on the dossier \u201c{title}\u201d now has a digitally signed original (version "
    "{version}); it can be downloaded from the decision's page."
)


def _decision_signature(decision):
    """The chairman decides: "CHỦ TỊCH" or "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", as on the document itself."""
    lines, name = signature(decision.signer)
    return "\n".join(lines), name


def _decision_signed(*, version, obj):
    """The proposing unit is told its decision has a signed original."""
    return notify(
        kind=NotificationKind.DOCUMENT_SIGNED,
        units=[obj.proposal.unit_id],
        subject=format_lazy(SIGNED_SUBJECT, number=obj.number),
        body=format_lazy(SIGNED_BODY, number=obj.number, title=obj.proposal.title, version=version.number),
        link=reverse("awards:decision_detail", args=[obj.pk]),
    )


def _minutes_signature(session):
    chair = session.chair
    return "CHỦ TRÌ", chair.full_name if chair else ""


register(
    Signable(
        key="decision",
        model=Decision,
        queryset=lambda: Decision.objects.select_related("proposal__unit"),
        render_pdf=decision_pdf,
        title=str,
        can_view=lambda user, decision: user.has_perm("awards.view_decision", decision.proposal),
        can_sign=lambda user, decision: can_sign_decision(user, decision),
        number=lambda decision: decision.number,
        page_url=lambda decision: reverse("awards:decision_detail", args=[decision.pk]),
        signature=_decision_signature,
        notify=_decision_signed,
    )
)

register(
    Signable(
        key="minutes",
        model=CouncilSession,
        queryset=lambda: CouncilSession.objects.select_related("chair", "secretary"),
        render_pdf=minutes_pdf,
        title=lambda session: str(_("Minutes of the council session of {day}")).format(
            day=date_format(session.held_on, "SHORT_DATE_FORMAT")
        ),
        can_view=lambda user, session: user.has_perm("awards.view_councilsession", session),
        can_sign=lambda user, session: can_sign_minutes(user, session),
        number=lambda session: session.held_on.isoformat(),
        page_url=lambda session: reverse("awards:session_detail", args=[session.pk]),
        signature=_minutes_signature,
    )
)
