from django.utils.translation import gettext_lazy as _

from portal.navigation import MenuItem


def menu(user):
    items = []
    if user.has_perm("awards.list_proposal"):
        items.append(MenuItem(_("Award proposals"), "awards:proposal_list", _("Awards")))
    if user.has_perm("awards.process_proposal"):
        items.append(MenuItem(_("Verification queue"), "awards:queue", _("Awards")))
    if user.has_perm("awards.list_councilsession"):
        items.append(MenuItem(_("Council"), "awards:session_list", _("Awards")))
    if user.has_perm("awards.list_awardrecord"):
        items.append(MenuItem(_("Award history"), "awards:lookup", _("Awards")))
    if user.has_perm("awards.list_award"):
        items.append(MenuItem(_("Award catalogue"), "awards:award_catalogue", _("Awards")))
    if user.has_perm("portal.view_history"):
        # The list of every import (portal owns no menu of its own).
        items.append(MenuItem(_("Imports"), "portal:import_list", _("Audit")))
    if user.has_perm("awards.list_noticecomment"):  # issue 16, public
        items.append(MenuItem(_("Public comments"), "awards:notice_comments", _("Awards")))
    return items
