from portal.errors import DomainError as PortalDomainError


class DomainError(PortalDomainError):
    """A business rule refused the action; the message is shown to the user as is."""


class SheetConflict(DomainError):
    """Someone else saved the sheet since it was opened."""
