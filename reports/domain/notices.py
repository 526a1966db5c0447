"""Who must act next on a member report is told (`portal.notifications.notify`, after commit, in Vietnamese).

A report is submitted (again after a correction): the term's lead reads it, and may return it; for
the lead's own report the provincial office does. A report is returned: its unit corrects it, told
the reason. Every sentence naming the lead exists once per kind of cluster (cluster or bloc).
"""

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from clusters.enums import ClusterKind
from directory.models import provincial_officers
from portal.notifications import NotificationKind, notify

CLUSTER, BLOC = ClusterKind.CLUSTER, ClusterKind.BLOC

SUBMITTED_SUBJECT = _("{unit} submitted its report of {term}")
SUBMITTED_BODY = {
    (CLUSTER, False): _(
        "The report “{report}” was submitted: as the cluster lead of {term}, please read it on the portal; you may "
        "return it for correction with a reason."
    ),
    (BLOC, False): _(
        "The report “{report}” was submitted: as the bloc lead of {term}, please read it on the portal; you may "
        "return it for correction with a reason."
    ),
    (CLUSTER, True): _(
        "The report “{report}” was corrected and submitted again: as the cluster lead of {term}, please read it on "
        "the portal."
    ),
    (BLOC, True): _(
        "The report “{report}” was corrected and submitted again: as the bloc lead of {term}, please read it on the "
        "portal."
    ),
}
LEAD_OWN_BODY = {
    CLUSTER: _(
        "{unit}, the cluster lead of {term}, submitted its own report “{report}”: the provincial office reads it on "
        "the portal and may return it for correction."
    ),
    BLOC: _(
        "{unit}, the bloc lead of {term}, submitted its own report “{report}”: the provincial office reads it on the "
        "portal and may return it for correction."
    ),
}
RETURNED_SUBJECT = _("Your report of {term} was returned for correction")
RETURNED_BODY = _(
    "Your unit's report “{report}” was returned for correction. Reason: {reason} Please correct it and submit it "
    "again on the portal."
)


def _kind(term):
    return ClusterKind(term.cluster.kind) if term.cluster.kind in ClusterKind.values else CLUSTER


def _link(report):
    return reverse("reports:report_detail", args=[report.pk])


def report_submitted(*, report, resubmitted=False):
    """A member submitted its report: tell the term's lead unit (the office for the lead's own report)."""
    term = report.term
    lead_own = report.unit_id == term.lead_unit_id
    body = LEAD_OWN_BODY[_kind(term)] if lead_own else SUBMITTED_BODY[(_kind(term), resubmitted)]
    return notify(
        kind=NotificationKind.REPORT_SUBMITTED,
        units=[] if lead_own else [term.lead_unit_id],
        users=provincial_officers() if lead_own else [],
        subject=format_lazy(SUBMITTED_SUBJECT, unit=report.unit, term=term),
        body=format_lazy(body, unit=report.unit, term=term, report=report),
        link=_link(report),
    )


def report_returned(*, report):
    """The lead or the office returned the report: tell its unit, with the reason."""
    return notify(
        kind=NotificationKind.REPORT_RETURNED,
        units=[report.unit_id],
        subject=format_lazy(RETURNED_SUBJECT, term=report.term),
        body=format_lazy(RETURNED_BODY, report=report, reason=report.return_reason),
        link=_link(report),
    )
