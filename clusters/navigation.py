from django.utils.translation import gettext_lazy as _

from portal.navigation import MenuItem


def menu(user):
    if not user.has_perm("clusters.list_cluster"):
        return []
    return [MenuItem(_("Clusters and blocs"), "clusters:cluster_list", _("Clusters"))]
