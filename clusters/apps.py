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
            ClusterMember,
            Criterion,
            CriterionGroup,
            DeciderChoice,
            Nomination,
            Phase,
            Score,
            Sheet,
            Term,
            TermMember,
            VoteRound,
        )

        register(
            Cluster,
            ClusterMember,
            Term,
            TermMember,
            Nomination,
            Phase,
            CriterionGroup,
            Criterion,
            Sheet,
            Ballot,
            VoteRound,
            DeciderChoice,
        )
        # A score removed since still shows in its sheet's history.
        register(Score, parents=("sheet",))
