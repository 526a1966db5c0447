"""Who must act next is told by email (`portal.notifications.notify`, after commit, in Vietnamese).

Each domain step calls one function here: the self-assessment opens (the members fill in their
sheets), a sheet is submitted (its reviewer: the lead, the deputy for the lead's own sheet, or the
office), a sheet is returned (its member, with the reason) or accepted (its member), the vote or
its second round opens (the members vote), two rounds are undecided (the lead and the deputy
confirm a choice), the results are locked (the members), an officer reopens the vote or the review
(the lead), the lead reopens scoring (the office edits the criteria). Every sentence naming the
lead or the deputy exists once per kind.
"""

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from directory.models import provincial_officers
from portal.notifications import NotificationKind, notify

from ..enums import ClusterKind, PhaseKind
from ..models import Term, TermMember
from ..rules import REVIEWED_BY_DEPUTY, REVIEWED_BY_LEAD, sheet_reviewer

CLUSTER, BLOC = ClusterKind.CLUSTER, ClusterKind.BLOC

SELF_ASSESSMENT_SUBJECT = _("The self-assessment of {term} is open")
SELF_ASSESSMENT_BODY = _(
    "The self-assessment of {term} is open until {day}: please fill in your unit's sheet and submit it on the portal."
)
SUBMITTED_SUBJECT = _("A sheet of {term} is waiting for your review")
SUBMITTED_BODY = {
    REVIEWED_BY_LEAD: {
        CLUSTER: _("{unit} submitted its sheet of {term}: as the cluster lead, please review it on the portal."),
        BLOC: _("{unit} submitted its sheet of {term}: as the bloc lead, please review it on the portal."),
    },
    REVIEWED_BY_DEPUTY: {
        CLUSTER: _(
            "{unit}, the cluster lead, submitted its own sheet of {term}: as the cluster deputy, please review it "
            "on the portal."
        ),
        BLOC: _(
            "{unit}, the bloc lead, submitted its own sheet of {term}: as the bloc deputy, please review it on "
            "the portal."
        ),
    },
    "office": {
        CLUSTER: _(
            "{unit}, the cluster lead, submitted its own sheet of {term} and no cluster deputy can review it: "
            "the provincial office reviews it on the portal."
        ),
        BLOC: _(
            "{unit}, the bloc lead, submitted its own sheet of {term} and no bloc deputy can review it: the "
            "provincial office reviews it on the portal."
        ),
    },
}
RETURNED_SUBJECT = _("Your sheet of {term} was returned")
RETURNED_BODY = _(
    "Your unit's sheet of {term} was returned for changes. Reason: {reason} Please correct it and submit it again "
    "on the portal."
)
ACCEPTED_SUBJECT = _("Your sheet of {term} was accepted")
ACCEPTED_BODY = _("Your unit's sheet of {term} was reviewed and accepted. The details are on the portal.")
VOTE_OPENED_SUBJECT = _("The leading-unit vote of {term} is open")
VOTE_OPENED_BODY = _("The leading-unit vote of {term} is open: please cast your unit's ballot on the portal.")
ROUND_TWO_SUBJECT = _("Round 2 of the leading-unit vote of {term} is open")
ROUND_TWO_BODY = _(
    "Round 1 of the leading-unit vote of {term} elected no unit: round 2 is open, please cast your unit's ballot "
    "on the portal."
)
DECIDERS_SUBJECT = _("The leading unit of {term} is now yours to decide")
DECIDERS_BODY = {
    CLUSTER: _(
        "Both rounds of the vote of {term} were undecided: the cluster lead and the cluster deputy now each confirm "
        "their choice of the leading unit on the portal."
    ),
    BLOC: _(
        "Both rounds of the vote of {term} were undecided: the bloc lead and the bloc deputy now each confirm their "
        "choice of the leading unit on the portal."
    ),
}
LOCKED_SUBJECT = _("The results of {term} are locked")
LOCKED_BODY = _("The results of {term} are locked: the leading unit is {unit}. The ranking is on the portal.")
REOPENED_SUBJECT = _("The results of {term} were reopened")
REOPENED_BODY = {
    (CLUSTER, PhaseKind.VOTE): _(
        "The provincial office reopened the vote of {term}. Reason: {reason} What was cleared: {cleared} As the "
        "cluster lead, please run the vote again on the portal."
    ),
    (BLOC, PhaseKind.VOTE): _(
        "The provincial office reopened the vote of {term}. Reason: {reason} What was cleared: {cleared} As the "
        "bloc lead, please run the vote again on the portal."
    ),
    (CLUSTER, PhaseKind.REVIEW): _(
        "The provincial office reopened the review of {term}. Reason: {reason} What was cleared: {cleared} As the "
        "cluster lead, please review the sheets again on the portal."
    ),
    (BLOC, PhaseKind.REVIEW): _(
        "The provincial office reopened the review of {term}. Reason: {reason} What was cleared: {cleared} As the "
        "bloc lead, please review the sheets again on the portal."
    ),
}
SCORING_REOPENED_SUBJECT = _("The criteria of {term} may be changed")
SCORING_REOPENED_BODY = {
    CLUSTER: _(
        "The cluster lead of {term} reopened scoring so that the criteria can be corrected: the provincial office "
        "changes them on the criteria page of the portal."
    ),
    BLOC: _(
        "The bloc lead of {term} reopened scoring so that the criteria can be corrected: the provincial office "
        "changes them on the criteria page of the portal."
    ),
}


def _kind(term):
    return ClusterKind(term.cluster.kind) if term.cluster.kind in ClusterKind.values else CLUSTER


def _members(term):
    return list(TermMember.objects.filter(term=term).values_list("unit_id", flat=True))


def _term_link(term, name="clusters:term_detail"):
    return reverse(name, args=[term.pk])


def phase_entered(*, term, kind, created):
    """A phase's effects created rows (`phases.apply_phase_effects`): tell the members when the
    self-assessment or the vote has just opened. Nothing when nothing was created (idempotent)."""
    if not created:
        return 0
    kind = PhaseKind(kind)
    if kind == PhaseKind.SELF_ASSESSMENT:
        phase = term.phases.filter(kind=kind).first()
        day = phase.ends_on.strftime("%d/%m/%Y") if phase else ""
        return notify(
            kind=NotificationKind.PHASE_OPENED,
            units=_members(term),
            subject=format_lazy(SELF_ASSESSMENT_SUBJECT, term=term),
            body=format_lazy(SELF_ASSESSMENT_BODY, term=term, day=day),
            link=_term_link(term),
        )
    if kind == PhaseKind.VOTE:
        return notify(
            kind=NotificationKind.PHASE_OPENED,
            units=_members(term),
            subject=format_lazy(VOTE_OPENED_SUBJECT, term=term),
            body=format_lazy(VOTE_OPENED_BODY, term=term),
            link=_term_link(term, "clusters:term_vote"),
        )
    return 0


def sheet_submitted(*, sheet):
    """A member submitted its sheet: tell its reviewer (lead, deputy, or the office)."""
    term = sheet.term
    reviewer = sheet_reviewer(sheet, term)
    units, users = [], []
    if reviewer == REVIEWED_BY_LEAD:
        units = [term.lead_unit_id]
    elif reviewer == REVIEWED_BY_DEPUTY:
        units = [term.deputy_unit_id]
    else:
        users = provincial_officers()
    body = SUBMITTED_BODY.get(reviewer, SUBMITTED_BODY["office"])[_kind(term)]
    return notify(
        kind=NotificationKind.SHEET_SUBMITTED,
        units=units,
        users=users,
        subject=format_lazy(SUBMITTED_SUBJECT, term=term),
        body=format_lazy(body, unit=sheet.unit, term=term),
        link=reverse("clusters:sheet_review", args=[sheet.pk]),
    )


def sheet_reviewed(*, sheet, action):
    """The reviewer returned the sheet (tell its member, with the reason) or accepted it (tell its member)."""
    if action == "accept":
        return notify(
            kind=NotificationKind.SHEET_ACCEPTED,
            units=[sheet.unit_id],
            subject=format_lazy(ACCEPTED_SUBJECT, term=sheet.term),
            body=format_lazy(ACCEPTED_BODY, term=sheet.term),
            link=reverse("clusters:sheet_detail", args=[sheet.pk]),
        )
    if action != "return":
        return 0
    return notify(
        kind=NotificationKind.SHEET_RETURNED,
        units=[sheet.unit_id],
        subject=format_lazy(RETURNED_SUBJECT, term=sheet.term),
        body=format_lazy(RETURNED_BODY, term=sheet.term, reason=sheet.return_reason or "—"),
        link=reverse("clusters:sheet_detail", args=[sheet.pk]),
    )


def round_counted(*, term, winner):
    """A round was counted without a winner: round 2 opens (the members vote), or after two rounds
    the lead and the deputy decide (the office in place of a deputy not named)."""
    if winner is not None:
        return 0
    if term.vote_round <= Term.VOTE_ROUNDS:
        return notify(
            kind=NotificationKind.PHASE_OPENED,
            units=_members(term),
            subject=format_lazy(ROUND_TWO_SUBJECT, term=term),
            body=format_lazy(ROUND_TWO_BODY, term=term),
            link=_term_link(term, "clusters:term_vote"),
        )
    return notify(
        kind=NotificationKind.OTHER,
        units=[term.lead_unit_id, term.deputy_unit_id],
        users=[] if term.deputy_unit_id else provincial_officers(),
        subject=format_lazy(DECIDERS_SUBJECT, term=term),
        body=format_lazy(DECIDERS_BODY[_kind(term)], term=term),
        link=_term_link(term, "clusters:term_vote"),
    )


def results_locked(*, term):
    """The results are locked: tell the members."""
    return notify(
        kind=NotificationKind.OTHER,
        units=_members(term),
        subject=format_lazy(LOCKED_SUBJECT, term=term),
        body=format_lazy(LOCKED_BODY, term=term, unit=term.leading_unit),
        link=_term_link(term, "clusters:ranking"),
    )


def reopened(*, term, result, reason):
    """An officer reopened the vote or the review (`vote.Reopened`): tell the lead, with the reason."""
    phase = PhaseKind.REVIEW if result.phase == PhaseKind.REVIEW else PhaseKind.VOTE
    return notify(
        kind=NotificationKind.OTHER,
        units=[term.lead_unit_id],
        subject=format_lazy(REOPENED_SUBJECT, term=term),
        body=format_lazy(REOPENED_BODY[(_kind(term), phase)], term=term, reason=reason, cleared=result.sentences()),
        link=_term_link(term),
    )


def scoring_reopened(*, term):
    """The lead reopened scoring to correct the criteria: tell the office, which edits them."""
    return notify(
        kind=NotificationKind.OTHER,
        users=provincial_officers(),
        subject=format_lazy(SCORING_REOPENED_SUBJECT, term=term),
        body=format_lazy(SCORING_REOPENED_BODY[_kind(term)], term=term),
        link=_term_link(term, "clusters:term_criteria"),
    )
