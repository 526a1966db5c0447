"""The term's schedule: which phase is current, and what it allows."""

from django.db import transaction
from django.utils.translation import gettext as _

from ..enums import PhaseKind
from ..models import Phase
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
