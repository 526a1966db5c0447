from django.utils.translation import gettext_lazy as _

from portal.errors import DomainError


class AwardsError(DomainError):
    """A rule of the award workflow refused the action; the message is for the user."""

    def __init__(self, message=None):
        super().__init__(str(message or _("This action is not allowed.")))
