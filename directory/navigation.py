from django.utils.translation import gettext_lazy as _

from portal.navigation import MenuItem


def menu(user):
    items = [MenuItem(_("Units"), "directory:unit_list", _("Directory"))]
    if user.has_perm("directory.list_person"):
        items.append(MenuItem(_("People"), "directory:person_list", _("Directory")))
    if user.has_perm("directory.list_dutyrating"):
        items.append(MenuItem(_("Ratings of duty completion"), "directory:rating_list", _("Directory")))
    if user.has_perm("directory.list_officeorganisation"):
        items.append(MenuItem(_("Emulation organisations"), "directory:office_organisation_list", _("Directory")))
    if user.has_perm("directory.list_officestaff"):
        items.append(MenuItem(_("Emulation civil servants"), "directory:office_staff_list", _("Directory")))
    if user.has_perm("directory.import_unit"):
        items.append(MenuItem(_("Excel import"), "directory:import", _("Directory")))
    return items
