"""The leading-unit vote, locking the term's outcome, and reopening it.

Members (one ballot per member unit and round) vote among the top-ranked members (members an
officer excluded are not ranked). A round is counted once `Term.quorum` ballots are in (no quorum:
every member's ballot); the lead may count earlier only by confirming "close with N of M" and giving
a reason. Each counted round keeps its row (`VoteRound`: who counted it, when, ballots of members,
the unit elected) and its ballots. A unit voted for by more than half of the members is elected;
otherwise a second round follows; if that is undecided too, the lead and the deputy each confirm a
choice (`DeciderChoice`) and the leading unit is set when both name the same unit. A unit never
confirms a choice of itself: an officer of the provincial office confirms in its place.

Locking writes the nominations (the emulation flag for the leading unit, certificates of merit for
the next members of the ranking) and is refused while a member's sheet is neither accepted nor
excluded by an officer with a reason. An officer reopens the vote or the review with a reason,
which clears what depends on it (see `reopen_vote`, `reopen_review`).
"""

from collections import Counter
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.rules import is_officer
from portal.audit import because

from ..enums import ClusterKind, DeciderSide, Decision, PhaseKind, SheetStatus
from ..models import Ballot, DeciderChoice, Nomination, NominationKind, Sheet, Term, TermMember, VoteRound
from ..rules import is_term_deputy, is_term_lead
from . import notices
from .errors import ClustersError
from .phases import activate_phase, ensure_vote_round, enter_phase, require_phase
from .ranking import ranked_sheets

DECIDING_ROUND = Term.VOTE_ROUNDS + 1
CLUSTER, BLOC = ClusterKind.CLUSTER, ClusterKind.BLOC
LEAD, DEPUTY = DeciderSide.LEAD, DeciderSide.DEPUTY

# Every sentence naming the lead or the deputy exists once per kind: a bloc has a bloc lead (Khối
# trưởng) and a bloc deputy (Khối phó), a cluster a cluster lead and a cluster deputy.
DECIDERS_NOW_DECIDE = {
    CLUSTER: gettext_lazy("Both rounds were undecided: the cluster lead and the cluster deputy now decide."),
    BLOC: gettext_lazy("Both rounds were undecided: the bloc lead and the bloc deputy now decide."),
}
DECIDE_ONLY_AFTER_TWO_ROUNDS = {
    CLUSTER: gettext_lazy("The cluster lead and the cluster deputy decide only after two undecided rounds."),
    BLOC: gettext_lazy("The bloc lead and the bloc deputy decide only after two undecided rounds."),
}
OWN_UNIT = {
    (CLUSTER, LEAD): gettext_lazy(
        "The cluster lead's unit cannot confirm a choice of itself: the provincial office confirms it in its place."
    ),
    (CLUSTER, DEPUTY): gettext_lazy(
        "The cluster deputy's unit cannot confirm a choice of itself: the provincial office confirms it in its place."
    ),
    (BLOC, LEAD): gettext_lazy(
        "The bloc lead's unit cannot confirm a choice of itself: the provincial office confirms it in its place."
    ),
    (BLOC, DEPUTY): gettext_lazy(
        "The bloc deputy's unit cannot confirm a choice of itself: the provincial office confirms it in its place."
    ),
}
OFFICE_ONLY_IN_PLACE = {
    CLUSTER: gettext_lazy(
        "The provincial office confirms only in the place of the cluster lead or the cluster deputy whose own "
        "unit is the one chosen (or of a cluster deputy not named)."
    ),
    BLOC: gettext_lazy(
        "The provincial office confirms only in the place of the bloc lead or the bloc deputy whose own unit is "
        "the one chosen (or of a bloc deputy not named)."
    ),
}
NOT_A_DECIDER = {
    CLUSTER: gettext_lazy("Only the cluster lead and the cluster deputy confirm the choice of the leading unit."),
    BLOC: gettext_lazy("Only the bloc lead and the bloc deputy confirm the choice of the leading unit."),
}
CONFIRMED = {
    (CLUSTER, LEAD): gettext_lazy("The cluster lead's choice of {unit} was confirmed."),
    (CLUSTER, DEPUTY): gettext_lazy("The cluster deputy's choice of {unit} was confirmed."),
    (BLOC, LEAD): gettext_lazy("The bloc lead's choice of {unit} was confirmed."),
    (BLOC, DEPUTY): gettext_lazy("The bloc deputy's choice of {unit} was confirmed."),
}
REPLACED = {
    (CLUSTER, LEAD): gettext_lazy("It replaces the cluster lead's earlier choice of {unit}."),
    (CLUSTER, DEPUTY): gettext_lazy("It replaces the cluster deputy's earlier choice of {unit}."),
    (BLOC, LEAD): gettext_lazy("It replaces the bloc lead's earlier choice of {unit}."),
    (BLOC, DEPUTY): gettext_lazy("It replaces the bloc deputy's earlier choice of {unit}."),
}
DECIDED = {
    CLUSTER: gettext_lazy("The cluster lead and the cluster deputy chose the same unit: {unit} is the leading unit."),
    BLOC: gettext_lazy("The bloc lead and the bloc deputy chose the same unit: {unit} is the leading unit."),
}
WAITING_FOR = {
    (CLUSTER, LEAD): gettext_lazy("The leading unit is set once the cluster lead confirms the same unit."),
    (CLUSTER, DEPUTY): gettext_lazy("The leading unit is set once the cluster deputy confirms the same unit."),
    (BLOC, LEAD): gettext_lazy("The leading unit is set once the bloc lead confirms the same unit."),
    (BLOC, DEPUTY): gettext_lazy("The leading unit is set once the bloc deputy confirms the same unit."),
}
NEXT_NOT_MEMBERS = {
    CLUSTER: gettext_lazy("Next year's cluster lead and cluster deputy must be members of the cluster."),
    BLOC: gettext_lazy("Next year's bloc lead and bloc deputy must be members of the bloc."),
}
NEXT_SAME_UNIT = {
    CLUSTER: gettext_lazy("Next year's cluster lead and cluster deputy must be different units."),
    BLOC: gettext_lazy("Next year's bloc lead and bloc deputy must be different units."),
}
NEXT_CLEARED = {
    CLUSTER: gettext_lazy("Next year's cluster lead and cluster deputy were cleared."),
    BLOC: gettext_lazy("Next year's bloc lead and bloc deputy were cleared."),
}
CHOICES_CLEARED = {
    CLUSTER: gettext_lazy("Choices of the cluster lead and deputy removed: {count}."),
    BLOC: gettext_lazy("Choices of the bloc lead and deputy removed: {count}."),
}


def _kind(term):
    return ClusterKind(term.cluster.kind) if term.cluster.kind in ClusterKind.values else CLUSTER


def candidates(*, term):
    """The units members may vote for: the term's `vote_candidates` best-ranked members."""
    return [sheet.unit for sheet in ranked_sheets(term=term)[: term.vote_candidates]]


def tally(*, term, round_number=None):
    """[(unit id, votes)] for a round (the current one by default), most votes first."""
    round_number = round_number or min(term.vote_round, Term.VOTE_ROUNDS)
    rows = (
        Ballot.objects.filter(term=term, round=round_number)
        .values("choice_id")
        .annotate(votes=Count("pk"))
        .order_by("-votes", "choice_id")
    )
    return [(row["choice_id"], row["votes"]) for row in rows]


def ballots_needed(*, term, member_count):
    """Ballots needed before a round can be counted: `Term.quorum` (at most every member), or every member."""
    if term.quorum is None:
        return member_count
    return max(1, min(term.quorum, member_count))


def round_history(*, term):
    """Every round of the term's vote, oldest first, each with `tally` [(unit name, votes)], most first.

    Rounds are the VoteRound rows, plus a placeholder for a round whose ballots have no row (older
    data). Two queries.
    """
    rounds = {
        row.number: row for row in VoteRound.objects.filter(term=term).select_related("closed_by", "elected_unit")
    }
    tallies = {}
    counted = (
        Ballot.objects.filter(term=term)
        .values("round", "choice_id", "choice__name")
        .annotate(votes=Count("pk"))
        .order_by("round", "-votes", "choice__name")
    )
    for row in counted:
        tallies.setdefault(row["round"], []).append((row["choice__name"], row["votes"]))
        rounds.setdefault(row["round"], VoteRound(term=term, number=row["round"]))
    history = [rounds[number] for number in sorted(rounds)]
    for vote_round in history:
        vote_round.tally = tallies.get(vote_round.number, [])
        vote_round.votes_cast = sum(votes for _name, votes in vote_round.tally)
    return history


def _require_open_vote(term):
    require_phase(term=term, kind=PhaseKind.VOTE)
    if term.leading_unit_id is not None:
        raise ClustersError(_("The leading unit has already been chosen."))
    if term.vote_round > Term.VOTE_ROUNDS:
        raise ClustersError(str(DECIDERS_NOW_DECIDE[_kind(term)]))


def cast_ballot(*, term, voter_unit, choice_unit_id, by):
    """Record `voter_unit`'s vote in the current round. Side effects: creates a Ballot."""
    _require_open_vote(term)
    if not TermMember.objects.filter(term=term, unit=voter_unit).exists():
        raise ClustersError(_("Only the members of this term vote."))
    if choice_unit_id not in {unit.pk for unit in candidates(term=term)}:
        raise ClustersError(_("Vote for one of the top-ranked members listed."))
    try:
        with transaction.atomic():
            Ballot.objects.create(
                term=term, round=term.vote_round, voter=voter_unit, choice_id=choice_unit_id, cast_by=by
            )
    except IntegrityError as error:
        raise ClustersError(_("Your unit has already voted in this round.")) from error


def close_round(*, term, by, confirm_count=None, reason=""):
    """Count the current round; return the elected unit id or None.

    Refused before `ballots_needed` ballots are in unless `confirm_count` is the number of ballots
    cast (the lead confirmed "close with N of M" for what it saw) and `reason` says why.
    Side effects: closes the round's VoteRound (counted by, at, ballots, members, reason, unit
    elected); sets the leading unit (decision VOTE), or moves to the next round and opens its
    VoteRound. All audited, in one transaction.
    """
    reason = (reason or "").strip()
    with transaction.atomic():
        term = Term.objects.select_for_update(of=("self",)).select_related("cluster").get(pk=term.pk)
        _require_open_vote(term)
        ensure_vote_round(term=term)
        vote_round = VoteRound.objects.select_for_update().get(term=term, number=term.vote_round)
        members = TermMember.objects.filter(term=term).count()
        counts = Counter(dict(tally(term=term, round_number=term.vote_round)))
        ballots = sum(counts.values())
        if ballots == 0:
            raise ClustersError(_("No ballot has been cast in this round yet, so it cannot be counted."))
        needed = ballots_needed(term=term, member_count=members)
        if ballots < needed:
            if confirm_count != ballots:
                raise ClustersError(
                    _(
                        "Only {ballots} of {members} members have voted, and {needed} ballots are needed to count "
                        "the round. To count it now, confirm closing with {ballots} of {members} and give a reason."
                    ).format(ballots=ballots, members=members, needed=needed)
                )
            if not reason:
                raise ClustersError(
                    _("Give a reason for counting the round with {ballots} of {members} ballots.").format(
                        ballots=ballots, members=members
                    )
                )
        else:
            reason = ""
        winner, votes = counts.most_common(1)[0]
        if votes * 2 <= members:
            winner = None
        vote_round.closed_at = timezone.now()
        vote_round.closed_by = by
        vote_round.ballot_count = ballots
        vote_round.member_count = members
        vote_round.early_close_reason = reason
        vote_round.elected_unit_id = winner
        vote_round.save()
        if winner is not None:
            term.leading_unit_id = winner
            term.decision = Decision.VOTE
        else:
            term.vote_round += 1
        term.save(update_fields=["leading_unit", "decision", "vote_round", "updated_at"])
        if winner is None:
            ensure_vote_round(term=term)
        notices.round_counted(term=term, winner=winner)  # round 2's voters, or the lead and deputy
    return winner


@dataclass(frozen=True)
class Confirmation:
    """What `confirm_choice` did: the side confirmed, the unit, the unit it replaced, whether decided."""

    kind: str
    side: str
    unit_name: str
    replaced_name: str | None
    decided: bool
    waiting_for: str | None

    def sentences(self):
        key = (self.kind, self.side)
        parts = [str(CONFIRMED[key]).format(unit=self.unit_name)]
        if self.replaced_name:
            parts.append(str(REPLACED[key]).format(unit=self.replaced_name))
        if self.decided:
            parts.append(str(DECIDED[self.kind]).format(unit=self.unit_name))
        elif self.waiting_for:
            parts.append(str(WAITING_FOR[(self.kind, self.waiting_for)]))
        return " ".join(parts)


def side_unit_id(term, side):
    return term.lead_unit_id if side == LEAD else term.deputy_unit_id


def sides_for(*, term, user):
    """The sides `user` confirms for by right of its unit: [LEAD] for the lead, [DEPUTY] for the deputy."""
    return [side for side, rule in ((LEAD, is_term_lead), (DEPUTY, is_term_deputy)) if rule(user, term)]


def _side(term, by, side, unit_id):
    kind = _kind(term)
    if by is None or not by.is_authenticated:
        raise ClustersError(str(NOT_A_DECIDER[kind]))
    own = sides_for(term=term, user=by)
    if own and (side is None or side in own):
        side = side or own[0]
        if unit_id == side_unit_id(term, side):
            raise ClustersError(str(OWN_UNIT[(kind, side)]))
        return side
    if is_officer(by) and side in (LEAD, DEPUTY):
        # In a unit's place: the unit of that side is the one chosen, or the side has no unit.
        if unit_id == side_unit_id(term, side) or side_unit_id(term, side) is None:
            return side
        raise ClustersError(str(OFFICE_ONLY_IN_PLACE[kind]))
    raise ClustersError(str(NOT_A_DECIDER[kind]))


def confirm_choice(*, term, unit_id, by, side=None):
    """After two undecided rounds, the lead or the deputy (`side`, by default the user's own) confirms
    the unit it chooses; return a `Confirmation` (its `sentences()` say what happened).

    A unit never confirms a choice of itself: an officer confirms for that side in its place (and for
    the deputy's side of a term without a deputy). A confirmation for another unit replaces the side's
    earlier one. The choice is among the top-ranked members (a unit without votes may be chosen). Side
    effects: creates or updates the side's DeciderChoice; when the lead's and the deputy's choices
    name the same unit, sets the leading unit (decision LEAD_AND_DEPUTY). Audited, one transaction.
    """
    with transaction.atomic():
        term = Term.objects.select_for_update(of=("self",)).select_related("cluster").get(pk=term.pk)
        kind = _kind(term)
        require_phase(term=term, kind=PhaseKind.VOTE)
        if term.vote_round <= Term.VOTE_ROUNDS or term.leading_unit_id is not None:
            raise ClustersError(str(DECIDE_ONLY_AFTER_TWO_ROUNDS[kind]))
        units = {unit.pk: unit for unit in candidates(term=term)}
        if unit_id not in units:
            raise ClustersError(_("Choose one of the top-ranked members listed."))
        side = _side(term, by, side, unit_id)
        choices = {choice.side: choice for choice in DeciderChoice.objects.filter(term=term).select_related("unit")}
        previous = choices.get(side)
        replaced = previous.unit.name if previous is not None and previous.unit_id != unit_id else None
        if previous is None:
            DeciderChoice.objects.create(term=term, side=side, unit_id=unit_id, confirmed_by=by)
        else:
            previous.unit_id = unit_id
            previous.confirmed_by = by
            previous.save()
        other_side = DEPUTY if side == LEAD else LEAD
        other = choices.get(other_side)
        decided = other is not None and other.unit_id == unit_id
        if decided:
            term.leading_unit_id = unit_id
            term.decision = Decision.LEAD_AND_DEPUTY
            term.save(update_fields=["leading_unit", "decision", "updated_at"])
    return Confirmation(
        kind=kind,
        side=side,
        unit_name=units[unit_id].name,
        replaced_name=replaced,
        decided=decided,
        waiting_for=None if decided else other_side,
    )


def members_blocking_lock(*, term):
    """Names of the members whose sheet is not accepted and whom no officer excluded (two queries)."""
    accepted = set(Sheet.objects.filter(term=term, status=SheetStatus.ACCEPTED).values_list("unit_id", flat=True))
    return [
        membership.unit.name
        for membership in TermMember.objects.filter(term=term).select_related("unit").order_by("unit__search_text")
        if not membership.is_excluded and membership.unit_id not in accepted
    ]


def lock_results(*, term, by, next_lead_unit_id=None, next_deputy_unit_id=None):
    """Lock the term: write its nominations and elect next year's lead and deputy.

    Refused while a member's sheet is neither accepted nor excluded by an officer (the refusal
    names them). Side effects: creates Nomination rows (flag for the leading unit, certificates of
    merit for the next `certificate_count` ranked members; members excluded are not ranked), sets
    results_locked_at and the next lead and deputy, and makes the results phase current. Nominations
    kept by a reopening because an award proposal uses them stay; locking is refused if the new
    outcome differs from them. All audited, all in one transaction.
    """
    with transaction.atomic():
        term = Term.objects.select_for_update().get(pk=term.pk)
        if term.is_locked:
            raise ClustersError(_("The results of this term are already locked."))
        if term.leading_unit_id is None:
            raise ClustersError(_("Choose the leading unit before locking the results."))
        blocking = members_blocking_lock(term=term)
        if blocking:
            raise ClustersError(
                _(
                    "The results cannot be locked until every member's sheet is accepted or an officer has "
                    "excluded the member with a reason. Not yet: {units}."
                ).format(units=", ".join(blocking))
            )
        member_ids = set(TermMember.objects.filter(term=term).values_list("unit_id", flat=True))
        for unit_id in (next_lead_unit_id, next_deputy_unit_id):
            if unit_id is not None and unit_id not in member_ids:
                raise ClustersError(str(NEXT_NOT_MEMBERS[_kind(term)]))
        if next_lead_unit_id is not None and next_lead_unit_id == next_deputy_unit_id:
            raise ClustersError(str(NEXT_SAME_UNIT[_kind(term)]))
        ranked = [sheet.unit_id for sheet in ranked_sheets(term=term)]
        rank_of = {unit_id: position for position, unit_id in enumerate(ranked, start=1)}
        others = [unit_id for unit_id in ranked if unit_id != term.leading_unit_id][: term.certificate_count]
        wanted = [(term.leading_unit_id, NominationKind.FLAG, rank_of.get(term.leading_unit_id))]
        wanted += [(unit_id, NominationKind.CERTIFICATE, rank_of[unit_id]) for unit_id in others]
        kept = set(Nomination.objects.filter(term=term).values_list("unit_id", "kind", "rank"))
        if kept and kept != set(wanted):
            raise ClustersError(
                _(
                    "An award proposal was made from this term's earlier nominations and the new outcome differs "
                    "from them: the office changes or withdraws that proposal before the results are locked again."
                )
            )
        if not kept:
            for unit_id, kind, rank in wanted:
                Nomination.objects.create(term=term, unit_id=unit_id, kind=kind, rank=rank)
        term.results_locked_at = timezone.now()
        term.next_lead_unit_id = next_lead_unit_id
        term.next_deputy_unit_id = next_deputy_unit_id
        term.save(update_fields=["results_locked_at", "next_lead_unit", "next_deputy_unit", "updated_at"])
        # Entering the results needs nothing more; a term whose schedule lacks a results phase still locks.
        activate_phase(term=term, kind=PhaseKind.RESULTS)
        notices.results_locked(term=term)  # the members, after commit
    return term


# --- Excluding a member ----------------------------------------------------------------------


def _require_reason(reason, message):
    reason = (reason or "").strip()
    if not reason:
        raise ClustersError(message)
    return reason


def exclude_member(*, term, unit, reason, by):
    """An officer excludes a member from the ranking and the nominations, with a written reason.

    Refused once the results are locked, without a reason, and for the leading unit (reopen the vote
    first). Side effects: sets TermMember.excluded_reason/by/at (audited, with the reason).
    """
    reason = _require_reason(reason, _("Write why the member is excluded: the reason is shown with the ranking."))
    with because(reason), transaction.atomic():
        term = Term.objects.select_for_update().get(pk=term.pk)
        if term.is_locked:
            raise ClustersError(_("The results of this term are locked: an officer reopens them first."))
        membership = TermMember.objects.filter(term=term, unit=unit).first()
        if membership is None:
            raise ClustersError(_("This unit is not a member of the term."))
        if unit.pk == term.leading_unit_id:
            raise ClustersError(_("This unit is the leading unit: reopen the vote before excluding it."))
        membership.excluded_reason = reason
        membership.excluded_by = by
        membership.excluded_at = timezone.now()
        membership.save(update_fields=["excluded_reason", "excluded_by", "excluded_at"])
    return membership


def include_member(*, term, unit, by, reason=""):
    """Undo `exclude_member`. Side effects: clears the exclusion (audited, with `reason` if given)."""
    with because(reason), transaction.atomic():
        term = Term.objects.select_for_update().get(pk=term.pk)
        if term.is_locked:
            raise ClustersError(_("The results of this term are locked: an officer reopens them first."))
        membership = TermMember.objects.filter(term=term, unit=unit).first()
        if membership is None or not membership.is_excluded:
            raise ClustersError(_("This member is not excluded."))
        membership.excluded_reason = ""
        membership.excluded_by = None
        membership.excluded_at = None
        membership.save(update_fields=["excluded_reason", "excluded_by", "excluded_at"])
    return membership


# --- Reopening -------------------------------------------------------------------------------


@dataclass
class Reopened:
    """What a reopening cleared; `sentences()` says it in whole sentences."""

    kind: str
    unlocked: bool = False
    leading_unit: str | None = None
    next_years_cleared: bool = False
    ballots: int = 0
    rounds: int = 0
    choices: int = 0
    nominations_removed: int = 0
    nominations_kept_for: str | None = None
    sheets_reopened: int = 0
    phase: str = PhaseKind.VOTE

    def sentences(self):
        parts = []
        if self.unlocked:
            parts.append(_("The results were unlocked."))
        if self.leading_unit:
            parts.append(_("The leading unit {unit} was cleared.").format(unit=self.leading_unit))
        if self.next_years_cleared:
            parts.append(str(NEXT_CLEARED[self.kind]))
        if self.ballots or self.rounds:
            parts.append(
                _("Ballots removed: {ballots}; vote rounds removed: {rounds} (the history keeps them).").format(
                    ballots=self.ballots, rounds=self.rounds
                )
            )
        if self.choices:
            parts.append(str(CHOICES_CLEARED[self.kind]).format(count=self.choices))
        if self.nominations_removed:
            parts.append(_("Nominations removed: {count}.").format(count=self.nominations_removed))
        if self.nominations_kept_for:
            parts.append(
                _("The nominations stay, because the award proposal “{proposal}” uses them.").format(
                    proposal=self.nominations_kept_for
                )
            )
        if self.sheets_reopened:
            parts.append(_("Accepted sheets sent back for review: {count}.").format(count=self.sheets_reopened))
        if self.phase == PhaseKind.REVIEW:
            parts.append(_("The lead's review is the current phase again."))
        else:
            parts.append(_("The vote starts again at round 1."))
        return " ".join(str(part) for part in parts)


def _clear_vote(term, result):
    """Clear the vote and the outcome of `term` (locked for update); record it in `result`."""
    result.unlocked = term.is_locked
    if term.leading_unit_id is not None:
        result.leading_unit = term.leading_unit.name
    result.next_years_cleared = term.next_lead_unit_id is not None or term.next_deputy_unit_id is not None
    for ballot in Ballot.objects.filter(term=term):
        ballot.delete()
        result.ballots += 1
    for vote_round in VoteRound.objects.filter(term=term):
        vote_round.delete()
        result.rounds += 1
    for choice in DeciderChoice.objects.filter(term=term):
        choice.delete()
        result.choices += 1
    proposal = term.award_proposals.order_by("pk").first()
    if proposal is not None and term.nominations.exists():
        result.nominations_kept_for = proposal.title
    else:
        for nomination in Nomination.objects.filter(term=term):
            nomination.delete()
            result.nominations_removed += 1
    term.results_locked_at = None
    term.leading_unit = None
    term.decision = ""
    term.vote_round = 1
    term.next_lead_unit = None
    term.next_deputy_unit = None
    term.save(
        update_fields=[
            "results_locked_at",
            "leading_unit",
            "decision",
            "vote_round",
            "next_lead_unit",
            "next_deputy_unit",
            "updated_at",
        ]
    )


def _vote_started(term):
    return (
        term.is_locked
        or term.leading_unit_id is not None
        or term.vote_round > 1
        or Ballot.objects.filter(term=term).exists()
        or DeciderChoice.objects.filter(term=term).exists()
    )


def reopen_vote(*, term, by, reason):
    """An officer restarts the vote, with a reason; return `Reopened` (what was cleared).

    Clears the lock, the leading unit and decision, next year's lead and deputy, the lead's and
    deputy's choices, and the nominations unless an award proposal uses them (they stay, and the
    result says so). Ballots and VoteRound rows are deleted, not marked: the audit history keeps every
    deleted row with the reason, and the vote restarts at round 1 (a round number is unique per term).
    Then the vote phase is entered again (`phases.enter_phase`: round 1 is opened).
    Side effects: all audited with `reason`, in one transaction.
    """
    reason = _require_reason(reason, _("Give a reason for reopening: it is recorded in the history."))
    with because(reason), transaction.atomic():
        term = Term.objects.select_for_update(of=("self",)).select_related("cluster", "leading_unit").get(pk=term.pk)
        if not _vote_started(term):
            raise ClustersError(_("The vote has not started, so there is nothing to reopen."))
        result = Reopened(kind=_kind(term))
        _clear_vote(term, result)
        enter_phase(term=term, kind=PhaseKind.VOTE, by=by)
        notices.reopened(term=term, result=result, reason=reason)  # the lead, after commit
    return result


def reopen_review(*, term, by, reason):
    """An officer reopens the lead's review, with a reason; return `Reopened` (what was cleared).

    Everything `reopen_vote` clears, and every accepted sheet goes back to submitted (its version
    moves on, so a page opened before is stale) for the lead to review again; the review phase is
    entered again (`phases.enter_phase`). This is the office's exception to the sheets' workflow
    (accepted is otherwise final), so it does not go through the SHEETS table.
    Side effects: all audited with `reason`, in one transaction.
    """
    reason = _require_reason(reason, _("Give a reason for reopening: it is recorded in the history."))
    with because(reason), transaction.atomic():
        term = (
            Term.objects.select_for_update(of=("self",))
            .select_related("cluster", "leading_unit")
            .prefetch_related("phases")
        ).get(pk=term.pk)
        current = term.active_phase_kind
        if not term.is_locked and current not in (PhaseKind.VOTE, PhaseKind.RESULTS):
            raise ClustersError(_("The review has not ended, so there is nothing to reopen."))
        result = Reopened(kind=_kind(term), phase=PhaseKind.REVIEW)
        _clear_vote(term, result)
        for sheet in Sheet.objects.filter(term=term, status=SheetStatus.ACCEPTED):
            sheet.status = SheetStatus.SUBMITTED
            sheet.version += 1
            sheet.save(update_fields=["status", "version", "updated_at"])
            result.sheets_reopened += 1
        enter_phase(term=term, kind=PhaseKind.REVIEW, by=by)
        notices.reopened(term=term, result=result, reason=reason)  # the lead, after commit
    return result
