"""The figures of the overview page (issue 14, item 5): each a small function over the querysets the
user may see, in a constant number of queries (aggregates, never a query per row), returning plain
rows with the address of the list that shows the records each number counts.

- `awards_by_year`: award records by year and award over the last `YEARS_SHOWN` years (one query);
- `awards_by_type`, `awards_by_recipient`: one year's records by commendation type, by individual /
  collective / household (one query each);
- `open_movements`: movements under way by launching level (one query) and each one's current targets
  met by their latest progress value (one query; at most `MOVEMENTS_SHOWN` movements);
- `dossiers`: one year's proposals by state, those the office holds split by the 5-working-day
  verification window, and the oldest one's age in working days (one query);
- `cluster_ranks`: a cluster's ranking of each year (two queries per term, at most `YEARS_SHOWN` terms)
  for its best `UNITS_SHOWN` units.

No function writes anything.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from portal.lists import list_link

YEARS_SHOWN = 5
AWARDS_SHOWN = 6  # the chart's series; the table beside it lists every award
MOVEMENTS_SHOWN = 20
UNITS_SHOWN = 8


def query(**params):
    """A list's GET query of the non-empty `params`, in the given order ("year=2024&award=3")."""
    data = QueryDict(mutable=True)
    for name, value in params.items():
        if value not in (None, ""):
            data[name] = str(value)
    return data.urlencode()


def award_records(*, user, unit_kind=""):
    """The award records the user may see, of units of `unit_kind` when one is given."""
    from awards.models import AwardRecord

    records = AwardRecord.objects.visible_to(user)
    return records.filter(unit__kind=unit_kind) if unit_kind else records


def lookup_link(**params):
    return list_link("awards:lookup", query(**params))


# ---------------------------------------------------------------------------
# Awards
# ---------------------------------------------------------------------------
@dataclass
class AwardYears:
    years: list
    awards: list  # [(award id, name, {year: count}, total)], most records first
    totals: dict  # {year: count}
    unit_kind: str = ""

    def link(self, *, year, award=None):
        return lookup_link(year=year, award=award, unit_kind=self.unit_kind)


def awards_by_year(*, user, year, unit_kind=""):
    """Award records per year (the `YEARS_SHOWN` years up to `year`) and award; one query."""
    years = list(range(year - YEARS_SHOWN + 1, year + 1))
    rows = (
        award_records(user=user, unit_kind=unit_kind)
        .filter(year__gte=years[0], year__lte=years[-1])
        .order_by()
        .values("year", "award_id", "award__name")
        .annotate(n=Count("pk"))
    )
    counts, names, totals = defaultdict(dict), {}, dict.fromkeys(years, 0)
    for row in rows:
        counts[row["award_id"]][row["year"]] = row["n"]
        names[row["award_id"]] = row["award__name"]
        totals[row["year"]] += row["n"]
    awards = sorted(
        ((pk, names[pk], by_year, sum(by_year.values())) for pk, by_year in counts.items()),
        key=lambda award: (-award[3], award[1], award[0]),
    )
    return AwardYears(years=years, awards=awards, totals=totals, unit_kind=unit_kind)


@dataclass
class Figure:
    """One figure: what it counts, how many, and the list of those records."""

    key: str
    label: str
    count: int
    link: str


def awards_by_type(*, user, year, unit_kind=""):
    """One year's award records per commendation type (every type, zero included); one query."""
    from awards.enums import CommendationType

    counts = dict(
        award_records(user=user, unit_kind=unit_kind)
        .filter(year=year)
        .order_by()
        .values_list("commendation_type")
        .annotate(n=Count("pk"))
    )
    return [
        Figure(
            key=kind,
            label=str(label),
            count=counts.get(kind, 0),
            link=lookup_link(year=year, commendation_type=kind, unit_kind=unit_kind),
        )
        for kind, label in CommendationType.choices
    ]


def awards_by_recipient(*, user, year, unit_kind=""):
    """One year's award records of individuals, collectives and households; one query."""
    from awards.domain.lookup import recipient_condition
    from awards.enums import RecipientKind

    counts = (
        award_records(user=user, unit_kind=unit_kind)
        .filter(year=year)
        .aggregate(**{kind: Count("pk", filter=recipient_condition(kind)) for kind in RecipientKind.values})
    )
    return [
        Figure(
            key=kind,
            label=str(label),
            count=counts[kind],
            link=lookup_link(year=year, recipient=kind, unit_kind=unit_kind),
        )
        for kind, label in RecipientKind.choices
    ]


# ---------------------------------------------------------------------------
# Movements
# ---------------------------------------------------------------------------
UNDER_WAY = "under_way"  # movements.filters.MovementFilterSet.UNDER_WAY


@dataclass
class MovementProgress:
    movement_id: int
    name: str
    targets: int = 0
    met: int = 0
    reported: int = 0  # targets with a progress value that counts

    @property
    def not_met(self):
        return self.targets - self.met

    @property
    def link(self):
        return reverse("movements:movement_detail", args=[self.movement_id])


@dataclass
class Movements:
    by_level: list  # [Figure]
    total: int
    total_link: str
    progress: list  # [MovementProgress], at most MOVEMENTS_SHOWN
    targets: int = 0
    met: int = 0


def open_movements(*, user):
    """Movements under way (`MovementState.open()`) by launching level, and each one's current targets
    met: a target is met when its latest progress value that counts (not withdrawn) reaches 100% of it
    (`movements.domain.progress.percent_of_target`). Two queries."""
    from movements.domain.progress import percent_of_target
    from movements.enums import MovementLevel, MovementState
    from movements.models import Movement, ProgressEntry, Target

    movements = Movement.objects.visible_to(user).filter(state__in=sorted(MovementState.open()))
    by_level = dict(movements.order_by().values_list("level").annotate(n=Count("pk")))
    levels = [
        Figure(
            key=level,
            label=str(label),
            count=by_level.get(level, 0),
            link=list_link("movements:movement_list", query(state=UNDER_WAY, level=level)),
        )
        for level, label in MovementLevel.choices
    ]
    shown = movements.order_by("-starts_on", "pk").values("pk")[:MOVEMENTS_SHOWN]
    latest = (
        ProgressEntry.objects.filter(target=OuterRef("pk"), withdrawn_at__isnull=True)
        .order_by("-recorded_on", "-pk")
        .values("value")[:1]
    )
    targets = (
        Target.objects.filter(movement__in=shown, removed_at__isnull=True)
        .annotate(latest_value=Subquery(latest))
        .select_related("movement")
        .only("direction", "baseline_value", "target_value", "movement__name", "movement__starts_on")
        .order_by("-movement__starts_on", "movement_id", "position", "pk")
    )
    progress = {}
    for target in targets:
        row = progress.setdefault(target.movement_id, MovementProgress(target.movement_id, target.movement.name))
        row.targets += 1
        if target.latest_value is not None:
            row.reported += 1
            if percent_of_target(target, target.latest_value) >= 100:
                row.met += 1
    rows = list(progress.values())
    return Movements(
        by_level=levels,
        total=sum(by_level.values()),
        total_link=list_link("movements:movement_list", query(state=UNDER_WAY)),
        progress=rows,
        targets=sum(row.targets for row in rows),
        met=sum(row.met for row in rows),
    )


# ---------------------------------------------------------------------------
# Dossiers
# ---------------------------------------------------------------------------
@dataclass
class Dossiers:
    by_state: list  # [Figure] in the workflow's order
    within: Figure
    overdue: Figure
    oldest_age: int | None  # working days since the oldest dossier the office holds was submitted
    total: int = 0
    total_link: str = ""


def dossiers(*, user, year, today=None):
    """One year's proposals by state; those the office holds within the 5-working-day verification
    window and past it (`awards.domain.verification`); the oldest one's age. One query."""
    from awards.domain.verification import OPEN, OVERDUE, age_in_working_days, window_condition
    from awards.enums import ProposalState
    from awards.models import Proposal

    today = today or timezone.localdate()
    held = Q(state__in=sorted(ProposalState.with_office()), submitted_on__isnull=False)
    rows = (
        Proposal.objects.visible_to(user)
        .filter(year=year)
        .order_by()
        .values("state")
        .annotate(
            n=Count("pk"),
            within=Count("pk", filter=window_condition(OPEN, today=today)),
            overdue=Count("pk", filter=window_condition(OVERDUE, today=today)),
            oldest=Min("submitted_on", filter=held),
        )
    )
    counts, within, overdue, oldest = {}, 0, 0, None
    for row in rows:
        counts[row["state"]] = row["n"]
        within += row["within"]
        overdue += row["overdue"]
        if row["oldest"] is not None and (oldest is None or row["oldest"] < oldest):
            oldest = row["oldest"]

    def link(**params):
        return list_link("awards:proposal_list", query(year=year, **params))

    from awards.filters import ProposalFilterSet

    window_labels = dict(ProposalFilterSet.base_filters["window"].extra["choices"])
    return Dossiers(
        by_state=[
            Figure(key=state, label=str(label), count=counts.get(state, 0), link=link(state=state))
            for state, label in ProposalState.choices
        ],
        within=Figure(key=OPEN, label=str(window_labels[OPEN]), count=within, link=link(window=OPEN)),
        overdue=Figure(key=OVERDUE, label=str(window_labels[OVERDUE]), count=overdue, link=link(window=OVERDUE)),
        oldest_age=age_in_working_days(oldest, today=today) if oldest else None,
        total=sum(counts.values()),
        total_link=link(),
    )


# ---------------------------------------------------------------------------
# Cluster rankings
# ---------------------------------------------------------------------------
@dataclass
class ClusterRanks:
    cluster: object
    years: list
    units: list  # [(unit name, {year: rank})], the best of the latest ranked year first
    links: dict = field(default_factory=dict)  # {year: the term's ranking page}


def cluster_ranks(*, cluster, year):
    """The cluster's ranks per year (its terms of the `YEARS_SHOWN` years up to `year`), for the units
    best placed in the latest ranked year (at most `UNITS_SHOWN`; units ranked only earlier follow).
    One query for the terms, two per term (`clusters.domain.ranking.ranking`)."""
    from clusters.domain.ranking import ranking
    from clusters.models import Term

    years = list(range(year - YEARS_SHOWN + 1, year + 1))
    if cluster is None:
        return ClusterRanks(cluster=None, years=years, units=[])
    terms = list(Term.objects.filter(cluster=cluster, year__gte=years[0], year__lte=years[-1]).order_by("year", "pk"))
    ranks, names, latest_order = defaultdict(dict), {}, {}
    links = {}
    for term in terms:
        if term.year in links:
            continue  # one term a year
        rows = ranking(term=term)
        links[term.year] = reverse("clusters:ranking", args=[term.pk])
        for row in rows:
            ranks[row.unit.pk][term.year] = row.rank
            names[row.unit.pk] = row.unit.name
    for unit_id, by_year in ranks.items():
        last_year = max(by_year)
        latest_order[unit_id] = (-last_year, by_year[last_year], names[unit_id])
    chosen = sorted(ranks, key=lambda unit_id: latest_order[unit_id])[:UNITS_SHOWN]
    return ClusterRanks(
        cluster=cluster, years=years, units=[(names[unit_id], ranks[unit_id]) for unit_id in chosen], links=links
    )
