from directory.rules import is_officer, is_unit_officer

from .enums import ReportStatus
from .models import Conference, MemberReport


def panels(user):
    """Reports on the home page: a unit's drafts, a lead's submitted reports, the latest conferences."""
    if not (is_officer(user) or is_unit_officer(user)):
        return []
    reports = MemberReport.objects.visible_to(user)
    context = {
        "drafts": reports.filter(status=ReportStatus.DRAFT, unit_id=user.unit_id).count() if user.unit_id else 0,
        "submitted": reports.filter(status=ReportStatus.SUBMITTED).count(),
        "conferences": list(Conference.objects.visible_to(user).select_related("term__cluster")[:3]),
    }
    return [("reports/dashboard_panel.html", context)]
