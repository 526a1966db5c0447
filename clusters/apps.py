from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClustersConfig(AppConfig):
    name = "clusters"
    verbose_name = _("Clusters and blocs")

    def ready(self):
        from portal.audit import register

        from .models import Cluster, Nomination, Term, TermMember

        register(Cluster, Term, TermMember, Nomination)
