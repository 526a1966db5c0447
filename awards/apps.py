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
        # A vote's `current_for` follows its annulment (annulled_at, audited): not a change of its own.
        # Its nominee never changes and each entry's subject names it ("Nguyễn Văn A – …: 90%"), so
        # the history does not load every nominee again (one query per vote).
        register(models.CouncilVote, parents=("session",), exclude_fields=("current_for", "nominee"))
        register(models.SessionAttendance, models.SessionQuota, parents=("session",))
        register(models.CouncilMember)
        register(models.CertificateLayout, models.IssuedCertificate)  # issue 15, certificates
        # Public notices (issue 16, public): the notice, its entries and the public's comments with their
        # answers are in the dossier's history. The sender's hash and the search text are no change of note.
        register(
            models.PublicNotice,
            models.NoticeEntry,
            models.NoticeComment,
            parents=("proposal",),
            exclude_fields=("sender_hash", "search_text"),
        )
        # Issue 16, upward: a package built / sent shows in its proposal's history; the manifest is in the zip.
        register(models.UpwardPackage, parents=("proposal",), exclude_fields=("manifest",))
