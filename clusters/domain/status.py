"""Where a term is: its current phase, what happens next, who must act, and what is missing.

`term_status(term)` is a pure function of the stored data in a constant number of queries (the
term's phases come from the caller's prefetch when there is one); the term page shows it, and the
vote page explains with `vote_explanation` why there is nothing to vote on yet. Every sentence is
whole; those naming the lead or the deputy exist once per kind (cluster, bloc).
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from ..enums import ClusterKind, DeciderSide, PhaseKind, SheetStatus
from ..models import Ballot, Criterion, DeciderChoice, Sheet, Term, TermMember

CLUSTER, BLOC = ClusterKind.CLUSTER, ClusterKind.BLOC
ORDER = list(PhaseKind)


def _day(value):
    return value.strftime("%d/%m/%Y")


NEXT_PHASE = {
    PhaseKind.COMPACT: _("Next: the compact signing phase starts on {day}."),
    PhaseKind.SELF_ASSESSMENT: _("Next: the self-assessment phase starts on {day}."),
    PhaseKind.REVIEW: _("Next: the lead's review phase starts on {day}."),
    PhaseKind.VOTE: _("Next: the leading-unit vote phase starts on {day}."),
    PhaseKind.RESULTS: _("Next: the results are locked once the leading unit is chosen (planned from {day})."),
}
LOCKED = _("The results are locked: this term's year is complete.")
NOTHING_LATER = _("No later phase is scheduled.")

NOT_SUBMITTED = _("Members that have not submitted their sheet ({count}):")
NOT_VOTED = _("Members that have not voted in round {round} ({count}):")
TO_REVIEW = {
    CLUSTER: _("Sheets waiting for the cluster lead's review ({count}):"),
    BLOC: _("Sheets waiting for the bloc lead's review ({count}):"),
}
TO_CONFIRM = {
    (CLUSTER, DeciderSide.LEAD): _("The cluster lead has not confirmed a choice of the leading unit yet."),
    (CLUSTER, DeciderSide.DEPUTY): _("The cluster deputy has not confirmed a choice of the leading unit yet."),
    (BLOC, DeciderSide.LEAD): _("The bloc lead has not confirmed a choice of the leading unit yet."),
    (BLOC, DeciderSide.DEPUTY): _("The bloc deputy has not confirmed a choice of the leading unit yet."),
}
CHOICES_DIFFER = {
    CLUSTER: _("The cluster lead and the cluster deputy chose different units: both must confirm the same unit."),
    BLOC: _("The bloc lead and the bloc deputy chose different units: both must confirm the same unit."),
}
TO_LOCK = {
    CLUSTER: _("The cluster lead locks the results."),
    BLOC: _("The bloc lead locks the results."),
}
TO_COUNT = {
    CLUSTER: _("Every ballot needed is in: the cluster lead counts round {round}."),
    BLOC: _("Every ballot needed is in: the bloc lead counts round {round}."),
}

NO_MEMBERS = _("This term has no members yet.")
NO_CRITERIA = _("This term has no criteria yet.")
NO_SCHEDULE = _("This term has no schedule yet.")
NO_CURRENT = _("No phase is current: the daily run opens the phase whose dates contain today.")
NO_DEPUTY = {
    CLUSTER: _("The cluster deputy has not been named for this year."),
    BLOC: _("The bloc deputy has not been named for this year."),
}
NO_COMPACT = _("The compact has not been signed yet.")
NOT_ACCEPTED = _("Sheets not accepted yet: {count}.")
QUORUM = _("Ballots in round {round}: {ballots} of {needed} needed to count it.")
CANNOT_LOCK = _("The results cannot be locked yet: sheets neither accepted nor excluded: {count}.")
UNOPENED = _("Members without a sheet: {count} (they are created when the self-assessment phase is entered).")


@dataclass(frozen=True)
class Waiting:
    """Who must act: a whole sentence, and the units concerned (by name) when there is a list."""

    text: str
    units: tuple = ()


@dataclass(frozen=True)
class Excluded:
    unit: str
    reason: str
    by: str
    at: object


@dataclass(frozen=True)
class TermStatus:
    current: object  # the current Phase or None
    next_phase: object  # the next Phase in the schedule or None
    next_text: str
    waiting: tuple = field(default_factory=tuple)
    missing: tuple = field(default_factory=tuple)
    excluded: tuple = field(default_factory=tuple)


def _kind(term):
    return ClusterKind(term.cluster.kind) if term.cluster.kind in ClusterKind.values else CLUSTER


def _next(term, phases, current):
    if term.is_locked:
        return None, str(LOCKED)
    if current is not None:
        later = [phase for phase in phases if ORDER.index(PhaseKind(phase.kind)) > ORDER.index(PhaseKind(current.kind))]
    else:
        today = date.today()
        later = [phase for phase in phases if phase.ends_on >= today] or phases[:1]
    if not later:
        return None, str(NOTHING_LATER)
    upcoming = min(later, key=lambda phase: (ORDER.index(PhaseKind(phase.kind)), phase.starts_on))
    return upcoming, str(NEXT_PHASE[PhaseKind(upcoming.kind)]).format(day=_day(upcoming.starts_on))


def _needed(term, member_count):
    if term.quorum is None:
        return member_count
    return max(1, min(term.quorum, member_count))


def term_status(term):
    """The term's `TermStatus`. Queries: memberships, sheets, criteria count, and in the vote phase
    the round's ballots and the lead's and deputy's choices (at most five; phases from the prefetch)."""
    kind = _kind(term)
    phases = sorted(term.phases.all(), key=lambda phase: (phase.starts_on, phase.pk))
    current = next((phase for phase in phases if phase.is_active), None)
    current_kind = PhaseKind(current.kind) if current else None
    next_phase, next_text = _next(term, phases, current)
    memberships = list(
        TermMember.objects.filter(term=term).select_related("unit", "excluded_by").order_by("unit__search_text")
    )
    status_of = dict(Sheet.objects.filter(term=term).values_list("unit_id", "status"))
    has_criteria = Criterion.objects.filter(group__term=term).exists()

    waiting, missing = [], []
    active = [membership for membership in memberships if not membership.is_excluded]
    not_accepted = [m for m in active if status_of.get(m.unit_id) != SheetStatus.ACCEPTED]
    if not memberships:
        missing.append(str(NO_MEMBERS))
    if not has_criteria:
        missing.append(str(NO_CRITERIA))
    if not phases:
        missing.append(str(NO_SCHEDULE))
    elif current is None and not term.is_locked:
        missing.append(str(NO_CURRENT))
    if term.deputy_unit_id is None and not term.is_locked:
        missing.append(str(NO_DEPUTY[kind]))

    if term.is_locked:
        pass
    elif current_kind == PhaseKind.COMPACT:
        if term.compact_signed_on is None:
            missing.append(str(NO_COMPACT))
    elif current_kind in (PhaseKind.SELF_ASSESSMENT, PhaseKind.REVIEW):
        unopened = [m for m in active if m.unit_id not in status_of]
        if unopened:
            missing.append(str(UNOPENED).format(count=len(unopened)))
        late = [m.unit.name for m in active if status_of.get(m.unit_id) in (SheetStatus.DRAFT, SheetStatus.RETURNED)]
        if late:
            waiting.append(Waiting(str(NOT_SUBMITTED).format(count=len(late)), tuple(late)))
        to_review = [m.unit.name for m in active if status_of.get(m.unit_id) == SheetStatus.SUBMITTED]
        if to_review:
            waiting.append(Waiting(str(TO_REVIEW[kind]).format(count=len(to_review)), tuple(to_review)))
        if not_accepted:
            missing.append(str(NOT_ACCEPTED).format(count=len(not_accepted)))
    elif current_kind == PhaseKind.VOTE:
        _vote_status(term, kind, memberships, not_accepted, waiting, missing)

    excluded = tuple(
        Excluded(
            unit=m.unit.name,
            reason=m.excluded_reason,
            by=str(m.excluded_by) if m.excluded_by else "",
            at=m.excluded_at,
        )
        for m in memberships
        if m.is_excluded
    )
    return TermStatus(
        current=current,
        next_phase=next_phase,
        next_text=next_text,
        waiting=tuple(waiting),
        missing=tuple(missing),
        excluded=excluded,
    )


def _vote_status(term, kind, memberships, not_accepted, waiting, missing):
    if term.leading_unit_id is not None:
        waiting.append(Waiting(str(TO_LOCK[kind])))
        if not_accepted:
            missing.append(str(CANNOT_LOCK).format(count=len(not_accepted)))
        return
    if term.vote_round > Term.VOTE_ROUNDS:
        choices = dict(DeciderChoice.objects.filter(term=term).values_list("side", "unit_id"))
        for side in (DeciderSide.LEAD, DeciderSide.DEPUTY):
            if side not in choices:
                waiting.append(Waiting(str(TO_CONFIRM[(kind, side)])))
        if len(choices) == 2 and len(set(choices.values())) == 2:
            waiting.append(Waiting(str(CHOICES_DIFFER[kind])))
        return
    voted = set(Ballot.objects.filter(term=term, round=term.vote_round).values_list("voter_id", flat=True))
    late = [m.unit.name for m in memberships if m.unit_id not in voted]
    if late:
        waiting.append(Waiting(str(NOT_VOTED).format(round=term.vote_round, count=len(late)), tuple(late)))
    needed = _needed(term, len(memberships))
    if len(voted) < needed:
        missing.append(str(QUORUM).format(round=term.vote_round, ballots=len(voted), needed=needed))
    elif voted:
        waiting.append(Waiting(str(TO_COUNT[kind]).format(round=term.vote_round)))


VOTE_OPENS_ON = _("The vote opens on {day}, when the leading-unit vote phase starts.")
VOTE_PHASE_NOT_CURRENT = _("The leading-unit vote phase ({start} – {end}) is not the current phase.")
NO_VOTE_PHASE = _("This term's schedule has no leading-unit vote phase yet.")
NO_CANDIDATES = {
    CLUSTER: _("No sheet has been accepted yet, so there is no candidate: the cluster lead accepts the sheets first."),
    BLOC: _("No sheet has been accepted yet, so there is no candidate: the bloc lead accepts the sheets first."),
}


def vote_explanation(term, *, has_candidates):
    """Why the vote page has nothing to vote on (a whole sentence), or None while members can vote."""
    if term.is_locked or term.leading_unit_id is not None:
        return None
    vote_phase = next((phase for phase in term.phases.all() if phase.kind == PhaseKind.VOTE), None)
    if vote_phase is None:
        return str(NO_VOTE_PHASE)
    if not vote_phase.is_active:
        if vote_phase.starts_on > date.today():
            return str(VOTE_OPENS_ON).format(day=_day(vote_phase.starts_on))
        return str(VOTE_PHASE_NOT_CURRENT).format(start=_day(vote_phase.starts_on), end=_day(vote_phase.ends_on))
    if not has_candidates:
        return str(NO_CANDIDATES[_kind(term)])
    return None


__all__ = ["TermStatus", "Waiting", "term_status", "vote_explanation"]
