"""Business rules of movements: state changes, progress, registrations, reviews."""

from django.utils.translation import gettext_lazy as _

from portal.errors import DomainError


class MovementError(DomainError):
    """A rule of the movement's workflow refused the change; the message is for the user."""


class MovementClosed(MovementError):
    def __init__(self, movement=None):
        super().__init__(_("This movement is closed: its data can no longer be changed."))


def ensure_open(movement):
    """Raise MovementClosed when `movement` is closed (a closed movement is read-only)."""
    if movement.is_closed:
        raise MovementClosed(movement)
