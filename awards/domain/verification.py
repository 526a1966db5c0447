"""The office's verification window: a submitted dossier is returned for completion, or verified,
within `RETURN_WINDOW_WORKING_DAYS` working days of its submission (`Proposal.return_by`).

`window_condition(kind, today=)` gives the dossiers the office holds that are still within the window
("open") or past it ("overdue"), as one condition on `submitted_on` (the proposal list's filter and the
overview's figures share it); `age_in_working_days` is a dossier's age, through the one working-day
count (`awards.models.proposal.working_days_between`).
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from ..enums import ProposalState
from ..models.proposal import RETURN_WINDOW_WORKING_DAYS, add_working_days, working_days_between

OPEN, OVERDUE = "open", "overdue"


def last_overdue_submission(today):
    """The latest submission date whose window ended before `today` (its `return_by` < today).

    `add_working_days` never decreases as the start moves later, so the first day found walking back
    from today is the latest; at most a week and the window are walked."""
    day = today - timedelta(days=1)
    while add_working_days(day, RETURN_WINDOW_WORKING_DAYS) >= today:
        day -= timedelta(days=1)
    return day


def window_condition(kind, *, today=None):
    """Dossiers with the office (`ProposalState.with_office()`) within the window (OPEN) or past it (OVERDUE)."""
    today = today or timezone.localdate()
    cutoff = last_overdue_submission(today)
    held = Q(state__in=sorted(ProposalState.with_office()), submitted_on__isnull=False)
    if kind == OVERDUE:
        return held & Q(submitted_on__lte=cutoff)
    return held & Q(submitted_on__gt=cutoff)


def age_in_working_days(submitted_on, *, today=None):
    """Working days from the submission to today (0 on the day it was submitted)."""
    return working_days_between(submitted_on, today or timezone.localdate())
