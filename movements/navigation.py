from django.utils.translation import gettext_lazy as _

from portal.navigation import MenuItem


def menu(user):
    if not user.has_perm("movements.view_movement"):
        return []
    return [MenuItem(_("Movements"), "movements:movement_list", _("Emulation"))]
