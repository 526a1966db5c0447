from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import JobStatus, NotificationKind, SignatureState
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


class ImportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An import job is its requester's alone (its row errors name the file's rows)."""
        return self.filter(requested_by=user) if getattr(user, "is_authenticated", False) else self.none()


def import_job_path(instance, filename):
    return f"imports/pending/{filename}"


class ImportJob(models.Model):
    """An import run by a Celery worker (`portal.import_jobs`): a file too large to read in a web request.

    The uploaded file waits under media/imports/pending/ until the job has run, then is deleted; what
    the import wrote is its `record` (an ImportRecord); a refused file keeps its row errors here."""

    kind = models.CharField(_("kind of import"), max_length=30, choices=ImportKind.choices)
    file = models.FileField(_("file"), upload_to=import_job_path, max_length=255, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)  # of the messages the job writes
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=JobStatus.choices, default=JobStatus.REQUESTED)
    rows_total = models.PositiveIntegerField(_("rows in the file"), null=True, blank=True)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    record = models.OneToOneField(
        ImportRecord, verbose_name=_("import"), on_delete=models.SET_NULL, null=True, blank=True, related_name="job"
    )
    message = models.TextField(_("message"), blank=True)
    row_errors = models.JSONField(_("row errors"), default=list, blank=True)
    failed_rows = models.PositiveIntegerField(_("rows with errors"), default=0)
    hidden_errors = models.PositiveIntegerField(_("errors not listed"), default=0)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "-requested_at"], name="import_job_requester")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.file_name} ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status in JobStatus.active()

    @property
    def percent(self):
        """How far the reading is, 0-100 (None while the size of the file is unknown)."""
        if not self.rows_total:
            return None
        return min(100, round(100 * self.rows_read / self.rows_total))


# --- Export jobs (issue 13, exports): a list's Excel file too large for the request, made by a worker. ---


class ExportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A person sees only the exports they asked for (administrators included)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(requested_by=user)


def export_path(job, filename):
    return f"exports/{filename}"


class ExportJob(models.Model):
    """One list exported to Excel by a Celery worker (`portal.exports`): the list is named by its URL
    (name, arguments, query string), so the worker rebuilds the very rows the requester saw, with
    the requester's own permissions."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="export_jobs"
    )
    url_name = models.CharField(_("list"), max_length=100)
    url_kwargs = models.JSONField(_("list arguments"), default=dict, blank=True)
    query = models.TextField(_("filters"), blank=True)
    list_key = models.CharField(max_length=64, editable=False)
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=JobStatus.choices, default=JobStatus.REQUESTED)
    rows_total = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), upload_to=export_path, max_length=255, blank=True)
    download_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_deleted_at = models.DateTimeField(_("file deleted at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("Excel export")
        verbose_name_plural = _("Excel exports")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "-requested_at"], name="export_job_by_requester")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=JobStatus.DONE)
                | ~models.Q(file="")
                | models.Q(file_deleted_at__isnull=False),
                name="export_job_done_has_file",
                violation_error_message=_("A finished export must have its file."),
            ),
            models.CheckConstraint(
                condition=models.Q(rows_total__isnull=True) | models.Q(rows_done__lte=models.F("rows_total")),
                name="export_job_done_within_total",
                violation_error_message=_("An export cannot have written more rows than the list holds."),
            ),
            models.UniqueConstraint(
                fields=["requested_by", "list_key"],
                condition=models.Q(status__in=[JobStatus.REQUESTED, JobStatus.RUNNING]),
                name="export_job_one_active_per_list",
                violation_error_message=_("This list is already being exported; wait for the file."),
            ),
        ]

    def __str__(self):
        return f"{self.download_name or self.url_name} ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status in JobStatus.active()

    @property
    def list_url(self):
        """The address of the list exported, with its filters (None when the list no longer exists)."""
        from django.urls import NoReverseMatch, reverse

        try:
            url = reverse(self.url_name, kwargs=self.url_kwargs or None)
        except NoReverseMatch:
            return None
        return f"{url}?{self.query}" if self.query else url

    @property
    def has_file(self):
        return self.status == JobStatus.DONE and bool(self.file) and self.file_deleted_at is None

    @property
    def percent(self):
        if not self.rows_total:
            return 100 if self.status == JobStatus.DONE else 0
        return min(100, round(100 * self.rows_done / self.rows_total))


# --- REST API (issue 16, "api" part): one token per calling system, issued by an administrator. ---


class ApiTokenScope(models.TextChoices):
    """What a token's system may do: act for one unit, or read what a provincial officer reads."""

    UNIT = "unit", _("One unit: reads what the unit reads, submits its dossiers")
    PROVINCE_READ = "province_read", _("Province, read only")


class ApiToken(models.Model):
    """A calling system's key (only its sha256 is stored; the key is shown once, when issued).

    Each token acts through its own service `user` (made with it by `portal.api.tokens.issue_token`:
    a unit officer of `unit` for a unit token, a provincial officer for the province token, no
    password), so the pages' `visible_to(user)` querysets and rules predicates apply unchanged; the
    API refuses every write of a province token (`portal.api.permissions.TokenScope`).
    """

    name = models.CharField(_("calling system"), max_length=100)
    key_hash = models.CharField(_("key hash (sha256)"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        _("key prefix"), max_length=8, editable=False, help_text=_("The key's first 8 characters, to recognise it.")
    )
    scope = models.CharField(_("scope"), max_length=20, choices=ApiTokenScope.choices)
    unit = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="api_tokens",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("service account"),
        on_delete=models.PROTECT,
        related_name="api_token",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("token issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    revocation_reason = models.TextField(_("reason for revoking"), blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(scope="unit") & models.Q(unit__isnull=False))
                | (models.Q(scope="province_read") & models.Q(unit__isnull=True)),
                name="api_token_scope_unit",
                violation_error_message=_("A unit token names its unit; the province's read-only token names none."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def read_only(self):
        return self.scope == ApiTokenScope.PROVINCE_READ


# --- Signed originals (issue 15, originals): the signed versions of a document the portal produces. ---


class SigningMethod(models.TextChoices):
    PORTAL_KEY = "portal_key", _("signed with the portal's key")
    OWN_TOKEN = "own_token", _("signed with the officer's own token")


class ImmutableVersion(Exception):
    """A signed version is never changed nor deleted: a new content makes a new version."""


class SignedVersionQuerySet(models.QuerySet):
    def of(self, obj, key):
        """The versions of one document (`key` of the registry) of `obj`, newest first."""
        from django.contrib.contenttypes.models import ContentType

        content_type = ContentType.objects.get_for_model(type(obj))
        return self.filter(content_type=content_type, object_id=obj.pk, key=key).order_by("-number")

    def update(self, **kwargs):
        raise ImmutableVersion("signed versions are never updated")

    def delete(self):
        raise ImmutableVersion("signed versions are never deleted")


def signed_version_path(version, filename):
    return f"originals/{version.key}/{version.object_id}/{filename}"


class SignedVersion(models.Model):
    """One signed PDF of a document the portal produces (a decision, minutes, a summary, a form).

    Rows are never updated nor deleted (`save` of an existing row and `delete` raise ImmutableVersion):
    a change of content makes a new version (`supersedes` the previous one), and the old file stays
    downloadable. `source_sha256` is the hash of the unsigned render the version was made from, so
    signing an unchanged document again writes nothing (`portal.originals.domain`)."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("kind of record"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("record"))
    key = models.CharField(_("document"), max_length=40)
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("signed file"), upload_to=signed_version_path, max_length=255)
    sha256 = models.CharField(_("file hash (SHA-256)"), max_length=64)
    source_sha256 = models.CharField(_("hash of the unsigned document"), max_length=64)
    how = models.CharField(_("signed how"), max_length=20, choices=SigningMethod.choices)
    signer_name = models.CharField(_("signer"), max_length=255, blank=True)
    certificate_subject = models.CharField(_("certificate subject"), max_length=500, blank=True)
    signed_at = models.DateTimeField(_("signing time"), null=True, blank=True)
    signature_state = models.CharField(_("digital signature"), max_length=20, choices=SignatureState.choices)
    signature_summary = models.CharField(_("signature check"), max_length=500, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("stored by"), on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField(_("stored at"), default=timezone.now)
    supersedes = models.ForeignKey(
        "self", verbose_name=_("replaces version"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = SignedVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("signed version")
        verbose_name_plural = _("signed versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "key", "number"],
                name="signed_version_number_once",
                violation_error_message=_("This version of the document is already stored; sign it again."),
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1),
                name="signed_version_number_positive",
                violation_error_message=_("A version number starts at 1."),
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "key", "-number"], name="signed_version_of")]

    def __str__(self):
        return str(_("Signed version {number}")).format(number=self.number)

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableVersion("signed versions are never updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableVersion("signed versions are never deleted")

    @property
    def is_valid(self):
        return self.signature_state == SignatureState.VALID
