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
            models.CouncilSession,
            models.Decision,
            models.AwardRecord,
            models.Initiative,
            models.DisciplineCase,
        )
        # Rows shown in their parent's history, withdrawn or deleted ones included.
        register(models.Nominee, models.ProposalDocument, parents=("proposal",))
        register(models.CouncilVote, models.SessionAttendance, models.SessionQuota, parents=("session",))
        register(models.CouncilMember)
