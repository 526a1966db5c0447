"""Council sessions: quorum, thresholds from the dated parameters, and the vote on each nominee."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import because, log_created
from portal.numbers import NumberError, bounds_of, parse_integer, parse_number

from ..enums import ParameterKind, ProposalState, VoteRule
from ..models import CouncilSession, CouncilVote, Nominee, SessionAttendance, SessionQuota
from . import AwardsError
from .parameters import parameter_value

HUNDRED = Decimal(100)


def share_of(votes, member_count):
    return (Decimal(votes) * HUNDRED / Decimal(member_count)).quantize(Decimal("0.01"))


def vote_passes(*, votes_in_favour, member_count, threshold):
    """At least `threshold` percent of ALL council members in favour (exact, no rounding)."""
    return Decimal(votes_in_favour) * HUNDRED >= Decimal(threshold) * Decimal(member_count)


def has_quorum(*, present_count, member_count, quorum):
    return Decimal(present_count) * HUNDRED >= Decimal(quorum) * Decimal(member_count)


def threshold_for(*, award, on):
    kind = ParameterKind.THRESHOLD_HIGH if award.vote_rule == VoteRule.HIGH else ParameterKind.THRESHOLD_STANDARD
    return parameter_value(kind=kind, on=on)


def vote_counts(*, in_favour, against, written_in_favour, written_against):
    """The four counts of a vote as typed (the one number parser, each within its column; blank is 0).

    Negative counts pass here and get their own message from the caller's checks. Raises AwardsError.
    """
    try:
        return tuple(
            parse_integer(count, **{**bounds_of(CouncilVote._meta.get_field(column)), "minimum": None}) or 0
            for count, column in (
                (in_favour, "in_favour"),
                (against, "against"),
                (written_in_favour, "written_in_favour"),
                (written_against, "written_against"),
            )
        )
    except NumberError as error:
        raise AwardsError(error.message) from None


def written_votes_allowed(session):
    """How many written votes the session may count: the absent members whose written vote was
    received when the attendance is recorded, every absent member for a session with counts only."""
    if session.attendance.exists():
        return session.attendance.filter(present=False, written_vote_received=True).count()
    return session.member_count - session.present_count


def check_counts(*, session, in_favour, against, written_in_favour, written_against):
    """Raise AwardsError when the counts do not fit the session's attendance."""
    if min(in_favour, against, written_in_favour, written_against) < 0:
        raise AwardsError(_("Vote counts cannot be negative."))
    if in_favour + against > session.present_count:
        raise AwardsError(_("More votes in the room than members present."))
    if written_in_favour + written_against > session.member_count - session.present_count:
        raise AwardsError(_("More written votes than absent members."))
    allowed = written_votes_allowed(session)
    if written_in_favour + written_against > allowed:
        raise AwardsError(
            _("More written votes than absent members whose written vote was received ({count}).").format(count=allowed)
        )


def check_quorum(session):
    quorum = parameter_value(kind=ParameterKind.QUORUM, on=session.held_on)
    if not has_quorum(present_count=session.present_count, member_count=session.member_count, quorum=quorum):
        raise AwardsError(
            _("No quorum: {present} of {members} members present; at least {quorum}% must attend.").format(
                present=session.present_count, members=session.member_count, quorum=f"{quorum.normalize():f}"
            )
        )


# --- The session's members (issue 12, council part) ---


def save_member(*, member, by, reason=""):
    """The office adds a council member or corrects one; a correction needs a reason.

    Side effects: writes the CouncilMember (audited, with the reason). Raises AwardsError.
    """
    member.full_name = (member.full_name or "").strip()
    if not member.full_name:
        raise AwardsError(_("Enter the member's full name."))
    reason = (reason or "").strip()
    if member.pk and not reason:
        raise AwardsError(_("Write the reason for this correction."))
    with transaction.atomic(), because(reason):
        member.save()
    return member


def _attendance_rows(session, *, members, present_ids, written_ids):
    present_ids, written_ids = set(present_ids), set(written_ids)
    if not members:
        raise AwardsError(_("List at least one council member for the session."))
    if written_ids & present_ids:
        raise AwardsError(_("Only an absent member sends a written vote."))
    return [
        SessionAttendance(
            session=session,
            member=member,
            present=member.pk in present_ids,
            written_vote_received=member.pk in written_ids and member.pk not in present_ids,
        )
        for member in members
    ]


def set_attendance(*, session, members, present_ids, written_ids, by, reason=""):
    """Record who of `members` attended `session` (the others are absent; `written_ids` the absent
    members whose written vote was received) and fill the session's member and present counts.

    A session whose votes are in force keeps its attendance: annul them first (their counts were
    checked against it). Side effects: replaces the session's SessionAttendance rows (audited) and
    writes member_count / present_count. Raises AwardsError.
    """
    members = list(members)
    with transaction.atomic(), because(reason):
        session = CouncilSession.objects.select_for_update().get(pk=session.pk)
        if session.votes.filter(annulled_at__isnull=True).exists():
            raise AwardsError(_("The session has votes in force: annul them before changing the attendance."))
        rows = _attendance_rows(session, members=members, present_ids=present_ids, written_ids=written_ids)
        for row in session.attendance.all():
            row.delete()
        SessionAttendance.objects.bulk_create(rows)
        log_created(rows, actor=by)
        session.member_count = len(rows)
        session.present_count = sum(1 for row in rows if row.present)
        session.save(update_fields=["member_count", "present_count"])
    return session


def create_session(*, session, members=None, present_ids=(), written_ids=(), by):
    """Record a new council session; with `members` (the roster), its attendance fills the counts.

    Side effects: writes the CouncilSession and its SessionAttendance rows (audited). Raises AwardsError.
    """
    session.created_by = by
    with transaction.atomic():
        if members:
            session.member_count = len(members)
            session.present_count = len(set(present_ids) & {member.pk for member in members})
        session.save()
        if members:
            set_attendance(session=session, members=members, present_ids=present_ids, written_ids=written_ids, by=by)
            session.refresh_from_db()
    return session


def set_quota(*, session, award, places, by, reason=""):
    """The number of places of `award` in `session` (blank or 0 removes the limit).

    Side effects: writes, changes or deletes one SessionQuota (audited). Raises AwardsError.
    """
    try:
        places = parse_integer(places, minimum=0, maximum=500)
    except NumberError as error:
        raise AwardsError(error.message) from None
    with transaction.atomic(), because(reason):
        quota = SessionQuota.objects.filter(session=session, award=award).first()
        if not places:
            if quota is not None:
                quota.delete()
            return None
        if quota is None:
            return SessionQuota.objects.create(session=session, award=award, places=places)
        quota.places = places
        quota.save()
        return quota


def annul_vote(*, vote, reason, by):
    """The office annuls a recorded vote (a mistyped or irregular vote) while the proposal is before
    the council: the vote stays, struck through with its reason, and the nominee may be voted again.

    Side effects: writes annulled_at / annulled_by / annul_reason and clears the vote in force
    (audited with the reason). Raises AwardsError without a reason, for an annulled vote, or when
    the proposal has left the council.
    """
    reason = (reason or "").strip()
    if not reason:
        raise AwardsError(_("Write the reason for annulling the vote."))
    with transaction.atomic():
        vote = CouncilVote.objects.select_for_update().select_related("nominee__proposal").get(pk=vote.pk)
        if vote.annulled_at is not None:
            raise AwardsError(_("This vote was already annulled."))
        if vote.nominee.proposal.state != ProposalState.AT_COUNCIL:
            raise AwardsError(_("A vote can be annulled only while the proposal is before the council."))
        with because(reason):
            vote.annulled_at, vote.annulled_by, vote.annul_reason = timezone.now(), by, reason
            vote.save()
    return vote


def record_vote(*, session, nominee, in_favour, against, written_in_favour=0, written_against=0, by):
    """Record the council's vote on one nominee and fix its result.

    Side effects: writes one CouncilVote (audited), in force for the nominee. Raises AwardsError
    without quorum, when the counts do not add up, do not fit their columns or the attendance (written
    votes only from absent members whose written vote was received), when the proposal is not at the
    council, or when the nominee has a vote in force (annul it first).
    """
    in_favour, against, written_in_favour, written_against = vote_counts(
        in_favour=in_favour, against=against, written_in_favour=written_in_favour, written_against=written_against
    )
    check_quorum(session)
    check_counts(
        session=session,
        in_favour=in_favour,
        against=against,
        written_in_favour=written_in_favour,
        written_against=written_against,
    )
    with transaction.atomic():
        nominee = Nominee.objects.select_for_update().select_related("proposal", "award").get(pk=nominee.pk)
        if nominee.proposal.state != ProposalState.AT_COUNCIL:
            raise AwardsError(_("The proposal is not before the council."))
        if nominee.award.vote_rule == VoteRule.NONE:
            raise AwardsError(_("{award} needs no council vote.").format(award=nominee.award))
        if CouncilVote.objects.filter(nominee=nominee, annulled_at__isnull=True).exists():
            raise AwardsError(_("The council has already voted on {name}.").format(name=nominee.recipient_name))
        try:
            threshold = parse_number(
                threshold_for(award=nominee.award, on=session.held_on),
                **bounds_of(CouncilVote._meta.get_field("threshold")),
            )
        except NumberError as error:
            raise AwardsError(
                _("The vote cannot be recorded: {problem} Check the award parameters.").format(problem=error.message)
            ) from None
        total_in_favour = in_favour + written_in_favour
        vote = CouncilVote(
            session=session,
            nominee=nominee,
            in_favour=in_favour,
            against=against,
            written_in_favour=written_in_favour,
            written_against=written_against,
            threshold=threshold,
            share=share_of(total_in_favour, session.member_count),
            is_passed=vote_passes(
                votes_in_favour=total_in_favour, member_count=session.member_count, threshold=threshold
            ),
        )
        try:
            with transaction.atomic():
                vote.save()
        except IntegrityError:
            raise AwardsError(
                _("The council has already voted on {name}.").format(name=nominee.recipient_name)
            ) from None
        return vote
