"""The one base of every business-rule refusal.

Each app's errors subclass `DomainError`; a view catches `DomainError` and shows `message` (one
whole translated sentence, never assembled from fragments) to the user, changing nothing.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A business rule refused the action; `message` is a whole sentence for the user."""

    default_message = _("This action is not allowed.")

    def __init__(self, message=None):
        self.message = str(message if message is not None else self.default_message)
        super().__init__(self.message)

    def __str__(self):
        return self.message
