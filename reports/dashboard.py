from directory.rules import is_officer, is_unit_officer
from portal.lists import list_link, list_rows

from .enums import ReportStatus
from .models import Conference

DRAFTS = f"status={ReportStatus.DRAFT}"
SUBMITTED = f"status={ReportStatus.SUBMITTED}"


def panels(user):
    """Reports on the home page: draft and submitted member reports, the latest conferences.

    Each figure is the row count of the list it links to (`portal.lists.list_rows`)."""
    from .views import MemberReportListView

    if not (is_officer(user) or is_unit_officer(user)):
        return []
    context = {
        "drafts": list_rows(MemberReportListView, user, DRAFTS).count(),
        "drafts_link": list_link("reports:report_list", DRAFTS),
        "submitted": list_rows(MemberReportListView, user, SUBMITTED).count(),
        "submitted_link": list_link("reports:report_list", SUBMITTED),
        "conferences": list(Conference.objects.visible_to(user).select_related("term__cluster")[:3]),
    }
    return [("reports/dashboard_panel.html", context)]
