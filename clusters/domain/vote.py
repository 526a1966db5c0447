"""The leading-unit vote and the term's outcome.

Members (one ballot per member unit and round) vote among the top-ranked members. A unit voted
for by more than half of the members is elected; otherwise a second round follows; if that is
undecided too, the lead and deputy decide and the term records it so. Locking the results writes
the term's nominations: the emulation flag for the leading unit and certificates of merit for the
next members of the ranking.
"""

from collections import Counter

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from ..enums import Decision, PhaseKind
from ..models import Ballot, Nomination, NominationKind, Term, TermMember
from .errors import ClustersError
from .phases import activate_phase, require_phase
from .ranking import ranking_queryset

DECIDING_ROUND = Term.VOTE_ROUNDS + 1


def candidates(*, term):
    """The units members may vote for: the term's `vote_candidates` best-ranked members."""
    return [sheet.unit for sheet in ranking_queryset(term=term)[: term.vote_candidates]]


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


def _require_open_vote(term):
    require_phase(term=term, kind=PhaseKind.VOTE)
    if term.leading_unit_id is not None:
        raise ClustersError(_("The leading unit has already been chosen."))
    if term.vote_round > Term.VOTE_ROUNDS:
        raise ClustersError(_("Both rounds were undecided: the lead and deputy now decide."))


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


def close_round(*, term, by):
    """Count the current round. Side effects: sets the leading unit, or moves to the next round.

    Returns the elected unit id or None.
    """
    with transaction.atomic():
        term = Term.objects.select_for_update().get(pk=term.pk)
        _require_open_vote(term)
        members = TermMember.objects.filter(term=term).count()
        counts = Counter(dict(tally(term=term)))
        winner, votes = (counts.most_common(1) or [(None, 0)])[0]
        if winner is not None and votes * 2 > members:
            term.leading_unit_id = winner
            term.decision = Decision.VOTE
        else:
            winner = None
            term.vote_round += 1
        term.save(update_fields=["leading_unit", "decision", "vote_round", "updated_at"])
    return winner


def decide_leading_unit(*, term, unit_id, by):
    """After two undecided rounds, the lead and deputy choose. Side effects: sets the leading unit."""
    with transaction.atomic():
        term = Term.objects.select_for_update().get(pk=term.pk)
        require_phase(term=term, kind=PhaseKind.VOTE)
        if term.vote_round <= Term.VOTE_ROUNDS or term.leading_unit_id is not None:
            raise ClustersError(_("The lead and deputy decide only after two undecided rounds."))
        if unit_id not in {unit.pk for unit in candidates(term=term)}:
            raise ClustersError(_("Choose one of the top-ranked members listed."))
        term.leading_unit_id = unit_id
        term.decision = Decision.LEAD_AND_DEPUTY
        term.save(update_fields=["leading_unit", "decision", "updated_at"])
    return term


def lock_results(*, term, by, next_lead_unit_id=None, next_deputy_unit_id=None):
    """Lock the term: write its nominations and elect next year's lead and deputy.

    Side effects: creates Nomination rows (flag for the leading unit, certificates of merit for the
    next `certificate_count` members of the ranking), sets results_locked_at and the next lead and
    deputy, and makes the results phase current. All audited, all in one transaction.
    """
    with transaction.atomic():
        term = Term.objects.select_for_update().get(pk=term.pk)
        if term.is_locked:
            raise ClustersError(_("The results of this term are already locked."))
        if term.leading_unit_id is None:
            raise ClustersError(_("Choose the leading unit before locking the results."))
        member_ids = set(TermMember.objects.filter(term=term).values_list("unit_id", flat=True))
        for unit_id in (next_lead_unit_id, next_deputy_unit_id):
            if unit_id is not None and unit_id not in member_ids:
                raise ClustersError(_("Next year's lead and deputy must be members of the cluster."))
        if next_lead_unit_id is not None and next_lead_unit_id == next_deputy_unit_id:
            raise ClustersError(_("Next year's lead and deputy must be different units."))
        ranked = [sheet.unit_id for sheet in ranking_queryset(term=term)]
        rank_of = {unit_id: position for position, unit_id in enumerate(ranked, start=1)}
        Nomination.objects.create(
            term=term, unit_id=term.leading_unit_id, kind=NominationKind.FLAG, rank=rank_of.get(term.leading_unit_id)
        )
        others = [unit_id for unit_id in ranked if unit_id != term.leading_unit_id][: term.certificate_count]
        for unit_id in others:
            Nomination.objects.create(
                term=term, unit_id=unit_id, kind=NominationKind.CERTIFICATE, rank=rank_of[unit_id]
            )
        term.results_locked_at = timezone.now()
        term.next_lead_unit_id = next_lead_unit_id
        term.next_deputy_unit_id = next_deputy_unit_id
        term.save(update_fields=["results_locked_at", "next_lead_unit", "next_deputy_unit", "updated_at"])
        activate_phase(term=term, kind=PhaseKind.RESULTS)
    return term


def reopen_results(*, term, by):
    """An officer reopens a locked term. Side effects: deletes its nominations, clears the lock (audited)."""
    with transaction.atomic():
        term = Term.objects.select_for_update().get(pk=term.pk)
        if not term.is_locked:
            raise ClustersError(_("The results of this term are not locked."))
        for nomination in Nomination.objects.filter(term=term):
            nomination.delete()
        term.results_locked_at = None
        term.save(update_fields=["results_locked_at", "updated_at"])
        activate_phase(term=term, kind=PhaseKind.VOTE)
    return term
