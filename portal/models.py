from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import NotificationKind
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


# ---------------------------------------------------------------------------
# Notifications (issue 11, "notify"): the in-portal inbox and the e-mail preferences
# ---------------------------------------------------------------------------
class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A person sees only their own notifications."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One message in one person's inbox (`portal.notifications.notify` writes them)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind of notice"), max_length=32, choices=NotificationKind.choices)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.subject

    @property
    def is_unread(self):
        return self.read_at is None


class NotificationPreference(models.Model):
    """One person's choice for one kind of notice: whether it is also e-mailed (the inbox always gets it).

    No row means the default: e-mailed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind of notice"), max_length=32, choices=NotificationKind.choices)
    email = models.BooleanField(_("send by e-mail"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="notification_preference_once",
                violation_error_message=_("This person already has a choice for this kind of notice."),
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.kind}"


# --- Imports (issue 11, "awards" part): every run of portal.imports.run_import is listed. ---


class ImportKind(models.TextChoices):
    """What an import file held; each caller of `portal.imports.run_import` passes its kind."""

    AWARD_HISTORY = "award_history", _("Past award records")
    NOMINEES = "nominees", _("Nominees of a proposal")
    UNITS = "units", _("Units")
    PEOPLE = "people", _("People")
    REPORT_FIGURES = "report_figures", _("Report figures")
    DUTY_RATINGS = "duty_ratings", _("Ratings of duty completion")
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
