from portal.errors import DomainError


class ReportError(DomainError):
    """A workflow step was refused; the message is for the user (Vietnamese through gettext)."""
