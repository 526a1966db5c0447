from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    """The workflow events someone must act on; a person can turn e-mail off per kind."""

    DOSSIER_SUBMITTED = "dossier_submitted", _("dossier submitted")
    DOSSIER_RETURNED = "dossier_returned", _("dossier returned")
    DOSSIER_VERIFIED = "dossier_verified", _("dossier verified")
    DOSSIER_DECIDED = "dossier_decided", _("dossier decided")
    SHEET_SUBMITTED = "sheet_submitted", _("scoring sheet submitted")
    SHEET_RETURNED = "sheet_returned", _("scoring sheet returned")
    SHEET_ACCEPTED = "sheet_accepted", _("scoring sheet accepted")
    REPORT_SUBMITTED = "report_submitted", _("report submitted")
    REPORT_RETURNED = "report_returned", _("report returned")
    PHASE_OPENED = "phase_opened", _("phase opened")
    PHASE_CLOSING = "phase_closing", _("phase closing soon")
    COUNCIL_SCHEDULED = "council_scheduled", _("council session scheduled")
    REMINDER = "reminder", _("reminder")
    EXPORT_FINISHED = "export_finished", _("Excel export finished")
    DOCUMENT_SIGNED = "document_signed", _("document signed")  # issue 15
    PUBLIC_COMMENT = "public_comment", _("public comment received")  # issue 16
    OTHER = "other", _("other notice")


class JobStatus(models.TextChoices):
    """Where a job a worker runs is (an export, an import): asked for, under way, done, failed."""

    REQUESTED = "requested", _("requested")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")

    @classmethod
    def active(cls):
        """Asked for or under way."""
        return frozenset({cls.REQUESTED, cls.RUNNING})


class SignatureState(models.TextChoices):
    """What verifying a PDF's signatures found (portal.signing.verify_pdf); `severity` orders them."""

    VALID = "valid", _("valid signature")
    UNKNOWN_SIGNER = "unknown_signer", _("unknown signer")
    MODIFIED = "modified", _("modified after signing")
    INVALID = "invalid", _("invalid signature")
    UNSIGNED = "unsigned", _("not signed")

    @property
    def severity(self):
        """Higher is worse: of several signatures, the worst state is the file's."""
        kind = type(self)
        return [kind.VALID, kind.UNSIGNED, kind.UNKNOWN_SIGNER, kind.MODIFIED, kind.INVALID].index(self)
