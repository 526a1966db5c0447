"""The errors of the clusters domain: every one is a `portal.errors.DomainError`.

`DomainError` is re-exported so `except DomainError` in this app catches every business-rule refusal.
"""

from portal.errors import DomainError


class ClustersError(DomainError):
    """A business rule of clusters refused the action; `message` is shown to the user as is."""


class SheetConflict(ClustersError):
    """Someone else saved the sheet since it was opened; nothing was written.

    `version` is the sheet's version now and `scores` its stored Score rows ({criterion id: Score}),
    read after the version, so a page built from them and offering `version` never hides a save.
    """

    def __init__(self, message, *, version=None, scores=None):
        super().__init__(message)
        self.version = version
        self.scores = scores if scores is not None else {}


__all__ = ["ClustersError", "DomainError", "SheetConflict"]
