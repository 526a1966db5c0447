from django.utils.translation import gettext_lazy as _

from portal.navigation import MenuItem


def menu(user):
    section = _("Reports")
    items = []
    if user.has_perm("reports.view_overview"):
        items.append(MenuItem(_("Overview in charts"), "reports:overview", section))
    if user.has_perm("reports.list_statreport"):
        items.append(MenuItem(_("Statistical forms"), "reports:statform_list", section))
    if not user.has_perm("reports.list_memberreport"):
        return items
    return [
        *items,
        MenuItem(_("Member reports"), "reports:report_list", section),
        MenuItem(_("Cluster reports"), "reports:cluster_report_list", section),
        MenuItem(_("Conferences"), "reports:conference_list", section),
    ]
