"""Setting up a cluster's or bloc's year: the cluster and its member units, a term (copied from last
year's), its lead, deputy, members, compact, phases and criteria.

Every function writes in one transaction and through `save()`/`delete()`, so every change is in the
audit history. An officer's change to a running term (a phase past the compact is current, or
scoring has started) needs a reason, recorded with every audit entry of the change
(`portal.audit.because`). Refusals are `ClustersError` with one whole sentence.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import because

from ..enums import PhaseKind
from ..models import Cluster, ClusterMember, Criterion, CriterionGroup, Phase, Sheet, Term, TermMember
from . import criteria as criteria_domain
from . import phases as phases_domain
from .errors import ClustersError

REASON_MAX = 2000
ROUND_TOTAL = Decimal(100)
TERM_SETTINGS = (
    "lead_unit",
    "deputy_unit",
    "compact_signed_on",
    "compact_document",
    "tie_break",
    "vote_candidates",
    "certificate_count",
    "quorum",
)
CRITERION_FIELDS = (
    "code",
    "title",
    "kind",
    "max_points",
    "target",
    "target_share",
    "full_at_ratio",
    "points_per_count",
    "requires_evidence",
)


# ---------------------------------------------------------------------------
# Running terms and reasons
# ---------------------------------------------------------------------------
def is_running(*, term):
    """The term is running once a phase past the compact is current or scoring has started."""
    active = Phase.objects.filter(term=term, is_active=True).exclude(kind=PhaseKind.COMPACT).exists()
    return active or term.scoring_started()


def needs_reason(*, term):
    """An officer's change to this term needs a written reason (it is running)."""
    return term.pk is not None and is_running(term=term)


def _clean_reason(reason):
    return " ".join((reason or "").split())[:REASON_MAX]


def _require_reason(term, reason):
    reason = _clean_reason(reason)
    if not reason and needs_reason(term=term):
        raise ClustersError(_("This term is running: give the reason for the change; it is recorded in the history."))
    return reason


def _refuse_locked(term):
    if term.is_locked:
        raise ClustersError(_("The results of this term are locked: nothing can change until an officer reopens it."))


def _validation_message(error):
    if hasattr(error, "error_dict"):
        return " ".join(str(message) for messages in error.message_dict.values() for message in messages)
    return " ".join(str(message) for message in error.messages)


def _full_clean(obj, *, exclude=None):
    try:
        obj.full_clean(exclude=exclude, validate_unique=True, validate_constraints=True)
    except ValidationError as error:
        raise ClustersError(_validation_message(error)) from None


# ---------------------------------------------------------------------------
# Clusters and their member units
# ---------------------------------------------------------------------------
def save_cluster(*, cluster=None, kind, name, organising_level, organising_body=None, by):
    """Create a cluster or bloc (`cluster=None`) or change one.

    Side effects: creates or updates a Cluster row (audited). Returns the cluster.
    """
    cluster = cluster or Cluster()
    cluster.kind, cluster.name = kind, (name or "").strip()
    cluster.organising_level, cluster.organising_body = organising_level, organising_body
    _full_clean(cluster)
    with transaction.atomic():
        cluster.save()
    return cluster


def _overlapping_member(*, cluster, unit, from_year, to_year, exclude=None):
    rows = ClusterMember.objects.filter(cluster=cluster, unit=unit).filter(
        Q(to_year__isnull=True) | Q(to_year__gte=from_year)
    )
    if to_year is not None:
        rows = rows.filter(from_year__lte=to_year)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return rows.first()


def add_cluster_member(*, cluster, unit, from_year, to_year=None, by):
    """Make `unit` a member of `cluster` from `from_year` (until `to_year`, inclusive, when given).

    Refused when the years are reversed or overlap another membership of the same unit.
    Side effects: creates a ClusterMember row (audited).
    """
    if to_year is not None and to_year < from_year:
        raise ClustersError(_("A membership cannot end before the year it starts."))
    if _overlapping_member(cluster=cluster, unit=unit, from_year=from_year, to_year=to_year):
        raise ClustersError(_("This unit is already a member of this cluster or bloc in some of these years."))
    with transaction.atomic():
        return ClusterMember.objects.create(cluster=cluster, unit=unit, from_year=from_year, to_year=to_year)


def end_cluster_member(*, member, to_year, by):
    """The unit stays a member until `to_year` (inclusive). Side effects: updates the ClusterMember row."""
    if to_year < member.from_year:
        raise ClustersError(_("A membership cannot end before the year it starts."))
    if _overlapping_member(
        cluster=member.cluster, unit=member.unit, from_year=member.from_year, to_year=to_year, exclude=member
    ):
        raise ClustersError(_("This unit is already a member of this cluster or bloc in some of these years."))
    with transaction.atomic():
        member.to_year = to_year
        member.save(update_fields=["to_year"])
    return member


def remove_cluster_member(*, member, by):
    """Delete a membership recorded by mistake (the terms' own member lists are not touched).

    Side effects: deletes the ClusterMember row (audited).
    """
    with transaction.atomic():
        member.delete()


def members_valid_in(*, cluster, year):
    """The cluster's member units valid in `year` (a queryset of ClusterMember)."""
    return ClusterMember.objects.filter(cluster=cluster).valid_in(year)


# ---------------------------------------------------------------------------
# A new term
# ---------------------------------------------------------------------------
@dataclass
class TermProposal:
    """What a new term of `cluster` for `year` starts from (shown on the creation form)."""

    year: int
    previous: Term | None
    lead_unit: object = None
    deputy_unit: object = None
    members: list = field(default_factory=list)


def previous_term(*, cluster, year):
    """The cluster's latest term before `year`, or None."""
    return (
        Term.objects.filter(cluster=cluster, year__lt=year)
        .select_related("next_lead_unit", "next_deputy_unit", "lead_unit", "deputy_unit")
        .order_by("-year")
        .first()
    )


def proposed_members(*, cluster, year, previous=None):
    """The units a new term proposes: the cluster's members valid in `year`, else last year's members."""
    from directory.models import Unit

    valid = Unit.objects.filter(pk__in=members_valid_in(cluster=cluster, year=year).values("unit_id"))
    if valid.exists():
        return list(valid.order_by("search_text", "pk"))
    if previous is None:
        return []
    return list(Unit.objects.filter(term_memberships__term=previous).order_by("search_text", "pk"))


def propose_term(*, cluster, year):
    """The proposal for a new term: last year's term, the lead and deputy it elected, the members."""
    previous = previous_term(cluster=cluster, year=year)
    members = proposed_members(cluster=cluster, year=year, previous=previous)
    proposal = TermProposal(year=year, previous=previous, members=members)
    if previous is not None:
        proposal.lead_unit = previous.next_lead_unit
        proposal.deputy_unit = previous.next_deputy_unit
    return proposal


def _shifted(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year without one
        return day.replace(year=day.year + years, day=28)


def _check_lead_and_deputy(*, lead_unit, deputy_unit, member_ids):
    if lead_unit is None:
        raise ClustersError(_("Choose the lead unit."))
    if deputy_unit is not None and deputy_unit.pk == lead_unit.pk:
        raise ClustersError(_("The lead and the deputy must be two different units."))
    if lead_unit.pk not in member_ids:
        raise ClustersError(_("The lead unit must be a member of the term."))
    if deputy_unit is not None and deputy_unit.pk not in member_ids:
        raise ClustersError(_("The deputy unit must be a member of the term."))


def create_term(
    *,
    cluster,
    year,
    lead_unit,
    deputy_unit=None,
    members=None,
    copy_from=None,
    copy_criteria=True,
    copy_phases=True,
    by,
    today=None,
):
    """Create `cluster`'s term for `year`.

    `copy_from` defaults to the cluster's previous term; `members` (units) defaults to the proposed
    members (`proposed_members`). From the source term it copies the settings (tie-break, vote
    candidates, certificates, quorum), the criteria groups and criteria (`copy_criteria`) and the
    phase plan shifted by the difference in years (`copy_phases`). When today falls in one of the new
    phases, that phase is made current (`set_current_phase`).

    Refused: a second term for the same year, lead == deputy, lead or deputy not a member.
    Side effects: creates Term, TermMember, CriterionGroup, Criterion and Phase rows (audited) in one
    transaction; may make a phase current.
    """
    if Term.objects.filter(cluster=cluster, year=year).exists():
        raise ClustersError(_("This cluster or bloc already has a term for {year}.").format(year=year))
    source = copy_from if copy_from is not None else previous_term(cluster=cluster, year=year)
    if members is None:
        members = proposed_members(cluster=cluster, year=year, previous=source)
    units = {unit.pk: unit for unit in members}
    _check_lead_and_deputy(lead_unit=lead_unit, deputy_unit=deputy_unit, member_ids=set(units))
    term = Term(cluster=cluster, year=year, lead_unit=lead_unit, deputy_unit=deputy_unit)
    if source is not None:
        for name in ("tie_break", "vote_candidates", "certificate_count", "quorum"):
            setattr(term, name, getattr(source, name))
    _full_clean(term, exclude=["compact_document"])
    try:
        with transaction.atomic():
            term.save()
            for unit in units.values():
                TermMember.objects.create(term=term, unit=unit)
            if source is not None and copy_criteria:
                criteria_domain.copy_criteria(source=source, target=term)
            if source is not None and copy_phases:
                shift = year - source.year
                for phase in Phase.objects.filter(term=source).order_by("starts_on"):
                    Phase.objects.create(
                        term=term,
                        kind=phase.kind,
                        starts_on=_shifted(phase.starts_on, shift),
                        ends_on=_shifted(phase.ends_on, shift),
                    )
            current = phase_of_day(term=term, day=today or timezone.localdate())
            if current is not None:
                set_current_phase(term=term, kind=current.kind, by=by)
    except IntegrityError:
        raise ClustersError(_("This cluster or bloc already has a term for {year}.").format(year=year)) from None
    return term


# ---------------------------------------------------------------------------
# A term's settings and members
# ---------------------------------------------------------------------------
def update_term(*, term, by, reason="", **settings):
    """Change the term's settings (any of TERM_SETTINGS: lead, deputy, the compact's signed document
    and date, tie-break, vote candidates, certificates, quorum).

    Refused while results are locked, for lead == deputy, a lead or deputy who is not a member, and
    without a reason while the term is running. Side effects: updates the Term row (audited, with
    the reason).
    """
    unknown = set(settings) - set(TERM_SETTINGS)
    if unknown:
        raise TypeError(f"unknown term settings: {sorted(unknown)}")
    _refuse_locked(term)
    reason = _require_reason(term, reason)
    for name, value in settings.items():
        if name == "compact_document" and not value:
            continue  # no new file: keep the stored one
        setattr(term, name, value)
    member_ids = set(TermMember.objects.filter(term=term).values_list("unit_id", flat=True))
    _check_lead_and_deputy(lead_unit=term.lead_unit, deputy_unit=term.deputy_unit, member_ids=member_ids)
    _full_clean(term, exclude=["compact_document"])
    with transaction.atomic(), because(reason):
        term.save()
    return term


def add_term_member(*, term, unit, by, reason=""):
    """Add `unit` to the term's members; once sheets exist, the new member gets its draft sheet.

    Side effects: creates a TermMember row (and a Sheet when the term has sheets), audited.
    """
    _refuse_locked(term)
    reason = _require_reason(term, reason)
    if TermMember.objects.filter(term=term, unit=unit).exists():
        raise ClustersError(_("This unit is already a member of the term."))
    with transaction.atomic(), because(reason):
        membership = TermMember.objects.create(term=term, unit=unit)
        if Sheet.objects.filter(term=term).exists():
            Sheet.objects.get_or_create(term=term, unit=unit)
    return membership


def remove_term_member(*, membership, by, reason=""):
    """Remove a member from the term, with its sheet when that sheet is still empty.

    Refused for the lead or the deputy, and for a member whose sheet has scores.
    Side effects: deletes the TermMember row (and the empty Sheet), audited.
    """
    term = membership.term
    _refuse_locked(term)
    if membership.unit_id in (term.lead_unit_id, term.deputy_unit_id):
        raise ClustersError(_("The lead or the deputy cannot be removed: choose another one first."))
    sheet = Sheet.objects.filter(term=term, unit_id=membership.unit_id).first()
    if sheet is not None and sheet.scores.exists():
        raise ClustersError(
            _("This member's sheet already has scores: it cannot be removed. Exclude it from the ranking instead.")
        )
    reason = _require_reason(term, reason)
    with transaction.atomic(), because(reason):
        if sheet is not None:
            sheet.delete()
        membership.delete()


# ---------------------------------------------------------------------------
# Phases
# ---------------------------------------------------------------------------
def phase_of_day(*, term, day):
    """The term's phase whose dates contain `day`, or None."""
    return Phase.objects.filter(term=term, starts_on__lte=day, ends_on__gte=day).first()


def save_phase(*, term, kind, starts_on, ends_on, by, reason=""):
    """Create or change the dates of the term's phase `kind` (phases never overlap).

    Side effects: creates or updates a Phase row (audited, with the reason when the term is running).
    """
    _refuse_locked(term)
    reason = _require_reason(term, reason)
    phase = Phase.objects.filter(term=term, kind=kind).first() or Phase(term=term, kind=kind)
    phase.starts_on, phase.ends_on = starts_on, ends_on
    _full_clean(phase)
    with transaction.atomic(), because(reason):
        phase.save()
    return phase


def delete_phase(*, phase, by, reason=""):
    """Delete a phase that is not current. Side effects: deletes the Phase row (audited)."""
    term = phase.term
    _refuse_locked(term)
    if phase.is_active:
        raise ClustersError(_("The current phase cannot be deleted: move the term to another phase first."))
    reason = _require_reason(term, reason)
    with transaction.atomic(), because(reason):
        phase.delete()


def set_current_phase(*, term, kind, by, reason=""):
    """Make the term's phase `kind` current and do what entering it needs.

    The one place the set-up pages make a phase current (the term's creation too).
    Side effects: updates Phase.is_active rows (audited, with the reason), and whatever entering the
    phase does (see clusters.domain.phases).
    """
    _refuse_locked(term)
    reason = _clean_reason(reason)
    with transaction.atomic(), because(reason):
        phases_domain.enter_phase(term=term, kind=kind, by=by)


def move_to_phase(*, term, kind, by, reason=""):
    """The officer moves the term to the phase `kind` (a reason is needed once the term is running).

    Side effects: see `set_current_phase`.
    """
    reason = _require_reason(term, reason)
    set_current_phase(term=term, kind=kind, by=by, reason=reason)


# ---------------------------------------------------------------------------
# Criteria
# ---------------------------------------------------------------------------
def _editable(term, reason):
    criteria_domain.ensure_criteria_editable(term=term)
    return _require_reason(term, reason)


def save_group(*, term, title, parent=None, group=None, by, reason=""):
    """Create (`group=None`) or change a criteria group; groups nest once (a parent is top-level).

    Side effects: creates or updates a CriterionGroup row (audited).
    """
    reason = _editable(term, reason)
    if parent is not None:
        if parent.term_id != term.pk or parent.parent_id is not None:
            raise ClustersError(_("A group can only be placed inside a top-level group of the same term."))
        if group is not None and (parent.pk == group.pk or group.children.exists()):
            raise ClustersError(_("A group that holds other groups cannot be placed inside a group."))
    if group is None:
        highest = CriterionGroup.objects.filter(term=term, parent=parent).aggregate(top=Max("position"))["top"]
        group = CriterionGroup(term=term, position=0 if highest is None else highest + 1)
    group.title, group.parent = (title or "").strip(), parent
    _full_clean(group)
    with transaction.atomic(), because(reason):
        group.save()
    return group


def delete_group(*, group, by, reason=""):
    """Delete a group with its sub-groups and criteria, refused when members scored any of them.

    Side effects: deletes CriterionGroup and Criterion rows (audited).
    """
    term = group.term
    reason = _editable(term, reason)
    criteria = Criterion.objects.filter(Q(group=group) | Q(group__parent=group))
    if criteria.filter(scores__isnull=False).exists():
        raise ClustersError(_("Members have already scored criteria of this group: it cannot be deleted."))
    with transaction.atomic(), because(reason):
        for criterion in criteria:
            criterion.delete()
        for child in group.children.all():
            child.delete()
        group.delete()


def save_criterion(*, group, criterion=None, by, reason="", **values):
    """Create (`criterion=None`) or change a criterion of `group` (values: CRITERION_FIELDS).

    The model checks each kind's parameters (a quantitative target, the points per count).
    Side effects: creates or updates a Criterion row (audited).
    """
    unknown = set(values) - set(CRITERION_FIELDS)
    if unknown:
        raise TypeError(f"unknown criterion fields: {sorted(unknown)}")
    reason = _editable(group.term, reason)
    if criterion is None:
        highest = Criterion.objects.filter(group=group).aggregate(top=Max("position"))["top"]
        criterion = Criterion(group=group, position=0 if highest is None else highest + 1)
    elif criterion.group_id != group.pk:
        if group.term_id != criterion.group.term_id:
            raise ClustersError(_("A criterion can only move to a group of the same term."))
        criterion.group = group
    for name, value in values.items():
        setattr(criterion, name, value)
    for name, default in (("target_share", Decimal("0.50")), ("full_at_ratio", Decimal("1.20"))):
        if getattr(criterion, name) is None:
            setattr(criterion, name, default)
    _full_clean(criterion)
    with transaction.atomic(), because(reason):
        criterion.save()
    return criterion


def delete_criterion(*, criterion, by, reason=""):
    """Delete a criterion nobody has scored yet. Side effects: deletes the Criterion row (audited)."""
    reason = _editable(criterion.group.term, reason)
    if criterion.scores.exists():
        raise ClustersError(_("Members have already scored this criterion: it cannot be deleted."))
    with transaction.atomic(), because(reason):
        criterion.delete()


def _swap(rows, obj, direction, reason):
    """Move `obj` one place up or down among `rows` (ordered), renumbering them 0..n-1."""
    rows = list(rows)
    index = next((i for i, row in enumerate(rows) if row.pk == obj.pk), None)
    target = index + (-1 if direction == "up" else 1) if index is not None else None
    if target is None or not 0 <= target < len(rows):
        return
    rows[index], rows[target] = rows[target], rows[index]
    with transaction.atomic(), because(reason):
        for position, row in enumerate(rows):
            if row.position != position:
                row.position = position
                row.save(update_fields=["position"])


def move_group(*, group, direction, by, reason=""):
    """Move a group one place `direction` ("up"/"down") among its siblings. Side effects: positions."""
    reason = _editable(group.term, reason)
    siblings = CriterionGroup.objects.filter(term_id=group.term_id, parent_id=group.parent_id).order_by(
        "position", "pk"
    )
    _swap(siblings, group, direction, reason)


def move_criterion(*, criterion, direction, by, reason=""):
    """Move a criterion one place `direction` ("up"/"down") in its group. Side effects: positions."""
    reason = _editable(criterion.group.term, reason)
    siblings = Criterion.objects.filter(group_id=criterion.group_id).order_by("position", "pk")
    _swap(siblings, criterion, direction, reason)


# ---------------------------------------------------------------------------
# The criteria set's total
# ---------------------------------------------------------------------------
@dataclass
class TotalCheck:
    total: Decimal
    expected: Decimal
    previous_total: Decimal | None
    warnings: list


def total_check(*, term):
    """The criteria set's total maximum, and whether it adds up.

    The expected total is last year's total maximum when last year had criteria, else 100. Each
    mismatch is one whole sentence in `warnings`.
    """
    total = Decimal(criteria_domain.total_maximum(term=term))
    previous = criteria_domain.previous_term(term=term)
    previous_total = Decimal(criteria_domain.total_maximum(term=previous)) if previous is not None else None
    if not previous_total:
        previous_total = None
    expected = previous_total if previous_total is not None else ROUND_TOTAL
    warnings = []
    if total != expected:
        if previous_total is not None:
            warnings.append(
                _("The total maximum ({total}) differs from last year's ({expected}): check the criteria.").format(
                    total=_number(total), expected=_number(expected)
                )
            )
        else:
            warnings.append(
                _("The total maximum ({total}) does not add up to {expected}: check the criteria.").format(
                    total=_number(total), expected=_number(expected)
                )
            )
    return TotalCheck(total=total, expected=expected, previous_total=previous_total, warnings=warnings)


def _number(value):
    from portal.numbers import format_number

    return format_number(value)


__all__ = [
    "TERM_SETTINGS",
    "TermProposal",
    "TotalCheck",
    "add_cluster_member",
    "add_term_member",
    "create_term",
    "delete_criterion",
    "delete_group",
    "delete_phase",
    "end_cluster_member",
    "is_running",
    "members_valid_in",
    "move_criterion",
    "move_group",
    "move_to_phase",
    "needs_reason",
    "phase_of_day",
    "previous_term",
    "propose_term",
    "proposed_members",
    "remove_cluster_member",
    "remove_term_member",
    "save_cluster",
    "save_criterion",
    "save_group",
    "save_phase",
    "set_current_phase",
    "total_check",
    "update_term",
]
