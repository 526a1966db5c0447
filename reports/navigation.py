from django.utils.translation import gettext_lazy as _

from portal.navigation import MenuItem


def menu(user):
    if not user.has_perm("reports.list_memberreport"):
        return []
    section = _("Reports")
    statistics = [MenuItem(_("Statistical forms"), "reports:statform_list", section)]
    return (statistics if user.has_perm("reports.list_statreport") else []) + [
        MenuItem(_("Member reports"), "reports:report_list", section),
        MenuItem(_("Cluster reports"), "reports:cluster_report_list", section),
        MenuItem(_("Conferences"), "reports:conference_list", section),
    ]
