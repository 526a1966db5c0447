"""The term's schedule: which phase is current, what it allows, and what entering it does.

`enter_phase` is the phase engine: whatever way a phase becomes current, entering it does what it
needs (sheets for every member, the vote's first round), idempotently.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..enums import PhaseKind
from ..models import Phase, Sheet, Term, TermMember, VoteRound
from . import notices
from .errors import ClustersError

# One whole sentence for the phase an action needs, and one for the phase the term is in.
ONLY_DURING = {
    PhaseKind.COMPACT: gettext_lazy("This can be done only during the compact signing phase."),
    PhaseKind.SELF_ASSESSMENT: gettext_lazy("This can be done only during the self-assessment phase."),
    PhaseKind.REVIEW: gettext_lazy("This can be done only during the lead's review phase."),
    PhaseKind.VOTE: gettext_lazy("This can be done only during the leading-unit vote phase."),
    PhaseKind.RESULTS: gettext_lazy("This can be done only once the results are locked."),
}
CURRENTLY = {
    None: gettext_lazy("No phase is current now."),
    PhaseKind.COMPACT: gettext_lazy("The current phase is compact signing."),
    PhaseKind.SELF_ASSESSMENT: gettext_lazy("The current phase is self-assessment."),
    PhaseKind.REVIEW: gettext_lazy("The current phase is the lead's review."),
    PhaseKind.VOTE: gettext_lazy("The current phase is the leading-unit vote."),
    PhaseKind.RESULTS: gettext_lazy("The current phase is the locked results."),
}
NO_SUCH_PHASE = {
    PhaseKind.COMPACT: gettext_lazy("This term has no compact signing phase in its schedule."),
    PhaseKind.SELF_ASSESSMENT: gettext_lazy("This term has no self-assessment phase in its schedule."),
    PhaseKind.REVIEW: gettext_lazy("This term has no lead's review phase in its schedule."),
    PhaseKind.VOTE: gettext_lazy("This term has no leading-unit vote phase in its schedule."),
    PhaseKind.RESULTS: gettext_lazy("This term has no results phase in its schedule."),
}


def wrong_phase_message(*, kind, current):
    """Two whole sentences: the phase `kind` an action needs, and the `current` phase kind (or None)."""
    return " ".join([str(ONLY_DURING[PhaseKind(kind)]), str(CURRENTLY[PhaseKind(current) if current else None])])


def require_phase(*, term, kind):
    """Raise ClustersError unless `kind` is the term's current phase (and results are not locked)."""
    if term.is_locked:
        raise ClustersError(_("The results of this term are locked: nothing can change until an officer reopens it."))
    current = term.active_phase
    if current is None or current.kind != kind:
        raise ClustersError(wrong_phase_message(kind=kind, current=current.kind if current else None))


def activate_phase(*, term, kind):
    """Make `kind` the term's current phase. Side effects: updates Phase.is_active rows (audited)."""
    with transaction.atomic():
        for phase in Phase.objects.select_for_update().filter(term=term, is_active=True).exclude(kind=kind):
            phase.is_active = False
            phase.save(update_fields=["is_active"])
        for phase in Phase.objects.filter(term=term, kind=kind, is_active=False):
            phase.is_active = True
            phase.save(update_fields=["is_active"])
    if hasattr(term, "_prefetched_objects_cache"):
        term._prefetched_objects_cache.pop("phases", None)


def ensure_sheets(*, term):
    """Create a draft sheet for every member that has none; return how many were created.

    Side effects: creates Sheet rows (audited). Lives here, below `scoring`, so that entering a phase
    can open the sheets without `phases` importing `scoring` (which imports `phases`).
    """
    existing = set(Sheet.objects.filter(term=term).values_list("unit_id", flat=True))
    created = 0
    for unit_id in TermMember.objects.filter(term=term).values_list("unit_id", flat=True):
        if unit_id not in existing:
            Sheet.objects.create(term=term, unit_id=unit_id)
            created += 1
    return created


def ensure_vote_round(*, term):
    """Create the VoteRound row of the term's current round (and any earlier one missing); return how many.

    Side effects: creates VoteRound rows (audited). Nothing once the two rounds are over.
    """
    current = min(term.vote_round, Term.VOTE_ROUNDS)
    existing = set(VoteRound.objects.filter(term=term).values_list("number", flat=True))
    created = 0
    for number in range(1, current + 1):
        if number not in existing:
            VoteRound.objects.create(term=term, number=number)
            created += 1
    return created


def apply_phase_effects(*, term, kind):
    """Do what being in phase `kind` needs, when it is missing; return how many rows were created.

    Self-assessment and review: every member has a sheet (the review lists every member's sheet, so a
    term that skipped self-assessment shows its missing sheets as drafts). Vote: the current round's
    VoteRound row exists. Compact and results need nothing. Idempotent: a second call creates nothing.
    When the self-assessment or the vote has just opened (rows created), the members are emailed.
    """
    kind = PhaseKind(kind)
    created = 0
    if kind in (PhaseKind.SELF_ASSESSMENT, PhaseKind.REVIEW):
        created = ensure_sheets(term=term)
    elif kind == PhaseKind.VOTE and term.leading_unit_id is None:
        created = ensure_vote_round(term=term)
    notices.phase_entered(term=term, kind=kind, created=created)  # the members, when it has just opened
    return created


def enter_phase(*, term, kind, by=None):
    """Make `kind` the term's current phase and do what entering it needs; return rows created.

    The one way a phase becomes current: the daily schedule (`schedule.advance_phases`), the
    officer moving it (`setup.set_current_phase`), reopening the review, locking the results, and
    a Phase saved active in Django admin all come here (or to `repair_current_phase`). Idempotent:
    entering the current phase again only creates what is missing.

    Side effects: Phase.is_active flips (audited); sheets for every member (self-assessment, review);
    the vote's round row (vote). `by` is recorded by the audit log of the request, if any.
    """
    kind = PhaseKind(kind)
    with transaction.atomic():
        locked = Term.objects.select_for_update().get(pk=term.pk)
        if not Phase.objects.filter(term=locked, kind=kind).exists():
            raise ClustersError(str(NO_SUCH_PHASE[kind]))
        activate_phase(term=locked, kind=kind)
        created = apply_phase_effects(term=locked, kind=kind)
    if hasattr(term, "_prefetched_objects_cache"):
        term._prefetched_objects_cache.pop("phases", None)
    return created


def repair_current_phase(*, term):
    """Do what the term's current phase needs when it was made current another way (admin, old data).

    Returns how many rows were created (0 when nothing was missing, or no phase is current, or the
    results are locked). Side effects: those of `apply_phase_effects`.
    """
    with transaction.atomic():
        term = Term.objects.select_for_update().get(pk=term.pk)
        if term.is_locked:
            return 0
        current = Phase.objects.filter(term=term, is_active=True).values_list("kind", flat=True).first()
        if current is None:
            return 0
        return apply_phase_effects(term=term, kind=current)
