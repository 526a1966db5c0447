"""The term's schedule: which phase is current, and what it allows."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..enums import PhaseKind
from ..models import Phase
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
