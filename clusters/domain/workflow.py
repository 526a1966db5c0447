"""The self-assessment sheet's states: draft -> submitted -> accepted, or returned -> submitted again.

The term's phases and its vote are not a state of their own: `phases.require_phase` and the
checks in `vote.py` refuse, with whole sentences, what the current phase or round does not allow.
"""

from django.utils.translation import gettext_lazy as _

from portal.workflow import Transitions

from ..enums import SheetStatus
from .errors import ClustersError

NOT_EDITABLE = _("This sheet was submitted or accepted: it can no longer be edited.")
NOT_REVIEWABLE = {
    SheetStatus.DRAFT: _("This sheet has not been submitted yet, so it cannot be reviewed."),
    SheetStatus.RETURNED: _(
        "This sheet was returned to the member and has not been submitted again, so it cannot be reviewed."
    ),
    SheetStatus.ACCEPTED: _("This sheet has already been accepted, so it cannot be reviewed again."),
}

SHEETS = Transitions(
    {
        SheetStatus.DRAFT: {SheetStatus.SUBMITTED},
        SheetStatus.SUBMITTED: {SheetStatus.ACCEPTED, SheetStatus.RETURNED},
        SheetStatus.RETURNED: {SheetStatus.SUBMITTED},
        SheetStatus.ACCEPTED: set(),
    },
    refusals={
        SheetStatus.DRAFT: _("A sheet cannot go back to draft."),
        SheetStatus.SUBMITTED: NOT_EDITABLE,
        **{
            (status, target): message
            for status, message in NOT_REVIEWABLE.items()
            for target in (SheetStatus.ACCEPTED, SheetStatus.RETURNED)
        },
    },
    error=ClustersError,
)
