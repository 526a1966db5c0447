"""The errors of the clusters domain: every one is a `portal.errors.DomainError`.

`DomainError` is re-exported so `except DomainError` in this app catches every business-rule refusal.
"""

from portal.errors import DomainError


class ClustersError(DomainError):
    """A business rule of clusters refused the action; `message` is shown to the user as is."""


class SheetConflict(ClustersError):
    """Someone else saved the sheet since it was opened."""


__all__ = ["ClustersError", "DomainError", "SheetConflict"]
