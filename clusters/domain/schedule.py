"""The daily schedule: move each term to the phase containing today, and open its sheets.

It sits above `phases` and `scoring` (both import `phases`; nothing imports this module but the
task), which keeps the domain's imports one-way.
"""

from datetime import date

from ..enums import PhaseKind
from ..models import Term
from .phases import activate_phase
from .scoring import ensure_sheets


def advance_phases(*, today=None):
    """Make the phase containing `today` current in every unlocked term; return how many terms changed.

    Side effects: Phase.is_active flips (audited); sheets are created for every member when the
    self-assessment phase becomes current.
    """
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
