"""Business rules of movements: state changes, progress, registrations, reviews."""

from django.utils.translation import gettext_lazy as _

from portal.errors import DomainError


class MovementError(DomainError):
    """A rule of the movement's workflow refused the change; `message` is for the user."""


class MovementClosed(MovementError):
    default_message = _("This movement is closed: its data can no longer be changed.")

    def __init__(self, movement=None):
        super().__init__()


def ensure_open(movement):
    """Raise MovementClosed when `movement` is closed (a closed movement is read-only)."""
    if movement.is_closed:
        raise MovementClosed(movement)


REASON_MAX = 1000


def required_reason(reason):
    """The reason of a correction, stripped; MovementError when it is blank or too long."""
    reason = (reason or "").strip()
    if not reason:
        raise MovementError(_("Give a reason for the correction: it is recorded in the history."))
    if len(reason) > REASON_MAX:
        raise MovementError(_("The reason is too long: at most {count} characters.").format(count=REASON_MAX))
    return reason
