"""The term's schedule: which phase is current, and what it allows."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from ..enums import PhaseKind
from ..models import Phase, Term
from .errors import DomainError


def require_phase(*, term, kind):
    """Raise DomainError unless `kind` is the term's current phase (and results are not locked)."""
    if term.is_locked:
        raise DomainError(_("The results of this term are locked: nothing can change until an officer reopens it."))
    current = term.active_phase
    if current is None or current.kind != kind:
        raise DomainError(
            _("This can only be done during the phase “{phase}”; the current phase is “{current}”.").format(
                phase=PhaseKind(kind).label, current=current.get_kind_display() if current else _("none")
            )
        )


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


def advance_phases(*, today=None):
    """Make the phase containing `today` current in every unlocked term; return how many terms changed.

    Side effects: Phase.is_active flips (audited); sheets are created for every member when the
    self-assessment phase becomes current.
    """
    from .scoring import ensure_sheets

    today = today or date.today()
    changed = 0
    for term in Term.objects.filter(results_locked_at__isnull=True).prefetch_related("phases"):
        due = next((phase for phase in term.phases.all() if phase.starts_on <= today <= phase.ends_on), None)
        current = term.active_phase
        if due is None or (current is not None and current.pk == due.pk):
            continue
        activate_phase(term=term, kind=due.kind)
        if due.kind == PhaseKind.SELF_ASSESSMENT:
            ensure_sheets(term=term)
        changed += 1
    return changed
