"""Ranking the nominees of one award for a limited number of places: ties favour women.

Where a session limits an award to `places` (a SessionQuota), the nominees whose vote passed are
ranked by their share in favour; at an equal share a woman comes first, or a collective whose
members in the directory are at least WOMEN_COLLECTIVE_SHARE percent women (70% by the decree's
principle, a dated parameter); then the name. Only passed votes in force compete for places.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from directory.enums import Gender
from directory.models import Person
from portal.numbers import format_number
from portal.text import fold

from ..enums import ParameterKind
from .parameters import parameter_value

HUNDRED = Decimal(100)


@dataclass
class RankedNominee:
    vote: object
    rank: int
    within: bool
    favoured: bool  # a woman, or a collective of enough women
    women_share: Decimal | None = None  # a collective's share of women (None for a person)
    tie_reason: str = ""

    @property
    def nominee(self):
        return self.vote.nominee


@dataclass
class AwardRanking:
    award: object
    places: int
    rows: list = field(default_factory=list)


def women_shares(unit_ids):
    """{unit id: share of women (%) among the unit's people in the directory}; units with nobody are left out."""
    rows = (
        Person.objects.filter(unit_id__in=set(unit_ids))
        .values("unit_id")
        .annotate(total=Count("pk"), women=Count("pk", filter=Q(gender=Gender.FEMALE)))
    )
    return {row["unit_id"]: Decimal(row["women"]) * HUNDRED / Decimal(row["total"]) for row in rows if row["total"]}


def is_favoured(nominee, *, shares, minimum):
    """(favoured, share of women): a woman; a collective with at least `minimum` percent women."""
    if nominee.person_id is not None:
        return nominee.person.gender == Gender.FEMALE, None
    share = shares.get(nominee.unit_id)
    return share is not None and share >= Decimal(minimum), share


def rank_votes(votes, *, places, minimum):
    """The passed `votes` (in force) ranked for `places`: share, then women first, then name.

    Returns a list of RankedNominee, each with the reason a tie was broken (for the session page).
    """
    votes = [vote for vote in votes if vote.is_passed and vote.annulled_at is None]
    shares = women_shares(vote.nominee.unit_id for vote in votes if vote.nominee.unit_id)
    rows = []
    for vote in votes:
        favoured, share = is_favoured(vote.nominee, shares=shares, minimum=minimum)
        rows.append(RankedNominee(vote=vote, rank=0, within=False, favoured=favoured, women_share=share))
    rows.sort(key=lambda row: (-row.vote.share, not row.favoured, fold(row.nominee.recipient_name), row.vote.pk))
    for number, row in enumerate(rows, start=1):
        row.rank, row.within = number, number <= places
        tied = [other for other in rows if other is not row and other.vote.share == row.vote.share]
        if not tied:
            continue
        share = format_number(row.vote.share, 2)
        if any(other.favoured != row.favoured for other in tied):
            if row.favoured and row.women_share is not None:
                row.tie_reason = _("Tie at {share}%: ahead as a collective with {women}% women.").format(
                    share=share, women=format_number(row.women_share, 0)
                )
            elif row.favoured:
                row.tie_reason = _("Tie at {share}%: ahead as a woman.").format(share=share)
            else:
                row.tie_reason = _("Tie at {share}%: behind a woman or a collective of women.").format(share=share)
        else:
            row.tie_reason = _("Tie at {share}%: in order of name.").format(share=share)
    return rows


def session_rankings(session, votes):
    """One AwardRanking per award the session limits, from the session's `votes` (with nominees loaded)."""
    quotas = list(session.quotas.select_related("award"))
    if not quotas:
        return []
    minimum = parameter_value(kind=ParameterKind.WOMEN_COLLECTIVE_SHARE, on=session.held_on)
    rankings = []
    for quota in quotas:
        of_award = [vote for vote in votes if vote.nominee.award_id == quota.award_id]
        rankings.append(
            AwardRanking(
                award=quota.award, places=quota.places, rows=rank_votes(of_award, places=quota.places, minimum=minimum)
            )
        )
    return rankings
