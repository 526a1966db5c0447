"""The daily schedule: move each term to the phase its dates say, and repair what a phase needs.

It sits above `phases` (the phase engine) and imports nothing else of the domain; nothing imports
this module but the task, which keeps the domain's imports one-way.
"""

from datetime import date

from ..enums import PhaseKind
from ..models import Term
from .phases import enter_phase, repair_current_phase

ORDER = list(PhaseKind)


def _later(kind, than):
    return than is None or ORDER.index(PhaseKind(kind)) > ORDER.index(PhaseKind(than))


def advance_phases(*, today=None):
    """Move every unlocked term forward to the phase containing `today`, and make sure its current
    phase's effects exist; return how many terms changed (a phase moved or something was created).

    The dates move a term forward only: a phase an officer made current again (reopening the
    review) is not undone at night unless a later phase's dates are reached, and the results phase
    is entered by locking the results, never by its date. A term whose current phase was set some
    other way (Django admin, created mid-phase) gets what that phase needs: every member's sheet
    during self-assessment and review, round 1 in the vote.

    Side effects: those of `phases.enter_phase` and `phases.repair_current_phase`.
    """
    today = today or date.today()
    changed = 0
    for term in Term.objects.filter(results_locked_at__isnull=True).prefetch_related("phases"):
        due = next((phase for phase in term.phases.all() if phase.starts_on <= today <= phase.ends_on), None)
        current = term.active_phase
        current_kind = current.kind if current else None
        if due is not None and due.kind != PhaseKind.RESULTS and _later(due.kind, current_kind):
            enter_phase(term=term, kind=due.kind)
            changed += 1
        elif current is not None and repair_current_phase(term=term):
            changed += 1
    return changed
