"""Interim and final reviews of a movement and the outstanding collectives and individuals found."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from ..enums import MovementState, ReviewKind
from ..models import Movement, MovementReview, ReviewHonouree
from . import MovementError, ensure_open
from .workflow import change_state


@transaction.atomic
def record_review(*, movement, kind, held_on, summary, by):
    """Record an interim or final review of `movement`.

    Side effects: locks the movement row, creates a MovementReview; an interim review of a running
    movement moves it to "interim-reviewed" (recorded as done by `by`). Raises MovementClosed on a
    closed movement and MovementError on a draft or a date before the movement's start.
    """
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    ensure_open(movement)
    if movement.state == MovementState.DRAFT:
        raise MovementError(_("A movement can be reviewed once it has been launched."))
    if movement.starts_on and held_on < movement.starts_on:
        raise MovementError(_("A review cannot be held before the movement starts."))
    review = MovementReview.objects.create(movement=movement, kind=kind, held_on=held_on, summary=summary)
    if kind == ReviewKind.INTERIM and movement.state == MovementState.RUNNING:
        change_state(movement=movement, to=MovementState.INTERIM_REVIEWED, by=by)
    return review


@transaction.atomic
def add_honouree(*, review, unit=None, person=None, note="", by=None):
    """Name an outstanding collective (`unit`) or individual (`person`) found by `review`.

    Side effects: creates a ReviewHonouree. Raises MovementClosed on a closed movement and
    MovementError when neither or both are given, or when already named.
    """
    ensure_open(Movement.objects.select_for_update().get(pk=review.movement_id))
    if (unit is None) == (person is None):
        raise MovementError(_("Choose either a collective or an individual."))
    try:
        with transaction.atomic():
            return ReviewHonouree.objects.create(review=review, unit=unit, person=person, note=note)
    except IntegrityError:
        raise MovementError(_("This collective or individual is already named in this review.")) from None
