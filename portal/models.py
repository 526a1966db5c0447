from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .text import FoldedSearchMixin


class WorkerHeartbeat(models.Model):
    """The last time a Celery worker ran the heartbeat task; /healthz reports it."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    last_seen = models.DateTimeField(_("last seen"))
    hostname = models.CharField(_("worker host"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.name} @ {self.last_seen:%Y-%m-%d %H:%M:%S}"


# --- Imports (issue 11, "awards" part): every run of portal.imports.run_import is listed. ---


class ImportKind(models.TextChoices):
    """What an import file held; each caller of `portal.imports.run_import` passes its kind."""

    AWARD_HISTORY = "award_history", _("Past award records")
    NOMINEES = "nominees", _("Nominees of a proposal")
    UNITS = "units", _("Units")
    PEOPLE = "people", _("People")
    REPORT_FIGURES = "report_figures", _("Report figures")
    OTHER = "other", _("Other import")


class ImportRecordQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Those who may read audit history see every import; nobody else any."""
        from .audit import HISTORY_PERMISSION

        return self if user.has_perm(HISTORY_PERMISSION) else self.none()


class ImportRecord(FoldedSearchMixin, models.Model):
    """One import that wrote rows: who, when, what kind, which file, how many rows.

    Each row's audit entry carries this record's pk (`additional_data["import"]`).
    """

    kind = models.CharField(_("kind of import"), max_length=30, choices=ImportKind.choices, db_index=True)
    file_name = models.CharField(_("file name"), max_length=255)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now, db_index=True)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    created_count = models.PositiveIntegerField(_("rows created"), default=0)
    updated_count = models.PositiveIntegerField(_("rows updated"), default=0)
    subject = models.CharField(_("imported into"), max_length=255, blank=True)
    link = models.CharField(_("link"), max_length=255, blank=True)
    search_text = models.CharField(max_length=600, editable=False, default="")

    objects = ImportRecordQuerySet.as_manager()
    search_text_max_length = 600

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-imported_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.file_name}"

    def search_words(self):
        return [self.file_name, self.subject]
