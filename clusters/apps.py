from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClustersConfig(AppConfig):
    name = "clusters"
    verbose_name = _("Clusters and blocs")

    def ready(self):
        from portal.audit import register

        from . import tasks  # noqa: F401  (registers the Celery tasks)
        from .models import (
            Ballot,
            Cluster,
            Criterion,
            CriterionGroup,
            Nomination,
            Phase,
            Score,
            Sheet,
            Term,
            TermMember,
        )

        register(Cluster, Term, TermMember, Nomination, Phase, CriterionGroup, Criterion, Sheet, Score, Ballot)
