from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Award proposals")

    def ready(self):
        from portal.audit import register

        from . import models

        register(
            models.Award,
            models.LegalParameter,
            models.Proposal,
            models.Nominee,
            models.ProposalDocument,
            models.CouncilSession,
            models.CouncilVote,
            models.Decision,
            models.AwardRecord,
            models.Initiative,
            models.DisciplineCase,
        )
