"""Corrections of what the lead (or the office) records for a term: the cluster report and the
conference. Whoever may manage them (`reports.rules.can_manage_cluster_work`) corrects them in the
portal, never in Django admin; every correction is written inside `portal.audit.because(reason)`.
"""

from contextlib import nullcontext

from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import because

from .errors import ReportError
from .member_reports import REASON_MAX


def _required(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ReportError(_("Give the reason for the correction: it is kept in the history."))
    if len(reason) > REASON_MAX:
        raise ReportError(_("The reason is too long: at most {limit} characters.").format(limit=REASON_MAX))
    return reason


@transaction.atomic
def save_with_reason(*, form, reason=""):
    """Save a valid model form of a cluster report or a conference, with the reason of the change
    (optional: an edit of the narrative need not be a correction) recorded in the history.

    Side effects: what `form.save()` writes (audited, with the reason when one is given).
    """
    reason = (reason or "").strip()
    with because(reason) if reason else nullcontext():
        return form.save()


@transaction.atomic
def discard_cluster_report(*, cluster_report, by, reason):
    """Delete a cluster report compiled by mistake (the wrong period): it can be compiled again.

    Side effects: deletes the ClusterReport inside `because(reason)` (audited as deleted).
    """
    reason = _required(reason)
    with because(reason):
        cluster_report.delete()


@transaction.atomic
def discard_conference(*, conference, by, reason):
    """Delete a conference recorded by mistake, with its attendees and PDF renders.

    Side effects: deletes the Conference, its ConferenceAttendee and RenderJob rows inside
    `because(reason)` (audited as deleted); the rendered files stay (another conference with the same
    content may share one).
    """
    reason = _required(reason)
    with because(reason):
        conference.delete()
