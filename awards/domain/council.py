"""Council sessions: quorum, thresholds from the dated parameters, and the vote on each nominee."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from portal.numbers import NumberError, bounds_of, parse_integer, parse_number

from ..enums import ParameterKind, ProposalState, VoteRule
from ..models import CouncilVote, Nominee
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


def record_vote(*, session, nominee, in_favour, against, written_in_favour=0, written_against=0, by):
    """Record the council's vote on one nominee and fix its result.

    Side effects: writes one CouncilVote (audited). Raises AwardsError without quorum, when the
    counts do not add up or do not fit their columns, when the proposal is not at the council, or
    when the nominee was voted on.
    """
    in_favour, against, written_in_favour, written_against = vote_counts(
        in_favour=in_favour, against=against, written_in_favour=written_in_favour, written_against=written_against
    )
    quorum = parameter_value(kind=ParameterKind.QUORUM, on=session.held_on)
    if not has_quorum(present_count=session.present_count, member_count=session.member_count, quorum=quorum):
        raise AwardsError(
            _("No quorum: {present} of {members} members present; at least {quorum}% must attend.").format(
                present=session.present_count, members=session.member_count, quorum=f"{quorum.normalize():f}"
            )
        )
    if min(in_favour, against, written_in_favour, written_against) < 0:
        raise AwardsError(_("Vote counts cannot be negative."))
    if in_favour + against > session.present_count:
        raise AwardsError(_("More votes in the room than members present."))
    if written_in_favour + written_against > session.member_count - session.present_count:
        raise AwardsError(_("More written votes than absent members."))
    with transaction.atomic():
        nominee = Nominee.objects.select_for_update().select_related("proposal", "award").get(pk=nominee.pk)
        if nominee.proposal.state != ProposalState.AT_COUNCIL:
            raise AwardsError(_("The proposal is not before the council."))
        if nominee.award.vote_rule == VoteRule.NONE:
            raise AwardsError(_("{award} needs no council vote.").format(award=nominee.award))
        if CouncilVote.objects.filter(nominee=nominee).exists():
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
        return CouncilVote.objects.create(
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
