from django.utils.translation import gettext_lazy as _

from portal.navigation import MenuItem


def menu(user):
    items = [MenuItem(_("Units"), "directory:unit_list", _("Directory"))]
    if user.has_perm("directory.list_person"):
        items.append(MenuItem(_("People"), "directory:person_list", _("Directory")))
    if user.has_perm("directory.list_dutyrating"):
        items.append(MenuItem(_("Ratings of duty completion"), "directory:rating_list", _("Directory")))
    if user.has_perm("directory.import_unit"):
        items.append(MenuItem(_("Excel import"), "directory:import", _("Directory")))
    return items
