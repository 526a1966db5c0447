"""The states of member reports (draft -> submitted <-> returned) and of PDF render jobs.

A member report is submitted to the lead; the lead of the term or the office may return it for
correction (with a reason), the unit corrects it and submits it again. The cluster report is
compiled from the submitted ones; it has no state of its own. A render job is requested, claimed by a worker
(running; a worker whose lease expired may be replaced by another, running again), and ends done
or failed; a new request makes a new job.
"""

from django.utils.translation import gettext_lazy as _

from portal.workflow import Transitions

from ..enums import RenderStatus, ReportStatus
from .errors import ReportError

REPORTS = Transitions(
    {
        ReportStatus.DRAFT: {ReportStatus.SUBMITTED},
        ReportStatus.SUBMITTED: {ReportStatus.RETURNED},
        ReportStatus.RETURNED: {ReportStatus.SUBMITTED},
    },
    refusals={
        ReportStatus.DRAFT: _("A submitted report cannot go back to draft."),
        ReportStatus.SUBMITTED: _("This report has already been submitted."),
        (ReportStatus.DRAFT, ReportStatus.RETURNED): _(
            "This report has not been submitted yet, so it cannot be returned for correction."
        ),
        ReportStatus.RETURNED: _("This report has already been returned for correction."),
    },
    error=ReportError,
)

# Worker side; the conditional UPDATEs in jobs.py follow this table.
RENDER_JOBS = Transitions(
    {
        RenderStatus.REQUESTED: {RenderStatus.RUNNING},
        RenderStatus.RUNNING: {RenderStatus.RUNNING, RenderStatus.DONE, RenderStatus.FAILED},
        RenderStatus.DONE: set(),
        RenderStatus.FAILED: set(),
    },
    refusals={},
    error=ReportError,
)
