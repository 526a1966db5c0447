"""Indicators, member and cluster reports, conferences, and the jobs that render their summaries."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from clusters.models import TermMember
from directory.rules import is_officer, is_signed_in, is_unit_officer
from portal.numbers import format_number
from portal.signed_documents import SignatureChecked
from portal.text import fold, folded_search
from portal.uploads import DocumentField

from ..enums import Aggregation, ConferenceKind, MeasureUnit, Period, RenderStatus, ReportStatus
from ..rules import (
    can_change_member_report,
    can_discard_member_report,
    can_manage_cluster_work,
    can_return_member_report,
    can_start_report,
    can_submit_member_report,
    can_view_cluster_work,
    can_view_member_report,
)


def _with_search_text(instance, text, kwargs):
    instance.search_text = fold(text)
    if kwargs.get("update_fields") is not None:
        kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}


class SearchableQuerySet(models.QuerySet):
    def search(self, query):
        return self.filter(folded_search(query))


class IndicatorQuerySet(SearchableQuerySet):
    def visible_to(self, user):
        return self if is_signed_in(user) else self.none()


class Indicator(RulesModel):
    """A figure members report each period (GRDP growth, budget revenue vs plan, PCI rank ...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    measure_unit = models.CharField(_("unit of measure"), max_length=20, choices=MeasureUnit.choices)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    aggregation = models.CharField(_("cluster aggregation"), max_length=20, choices=Aggregation.choices)
    threshold = models.DecimalField(
        _("threshold"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_(
            "Members reaching this value are counted, e.g. 55 for budget revenue of at least 55 per cent of plan."
        ),
    )
    in_chart = models.BooleanField(_("shown in the summary chart"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    search_text = models.TextField(editable=False, db_index=True, default="")

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(aggregation=Aggregation.COUNT_ABOVE) | Q(threshold__isnull=False),
                name="indicator_count_above_needs_threshold",
                violation_error_message=_("An indicator that counts values above a threshold needs that threshold."),
            ),
        ]
        rules_permissions = {"view": is_signed_in, "add": is_officer, "change": is_officer, "delete": is_officer}

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        _with_search_text(self, f"{self.code} {self.name}", kwargs)
        super().save(*args, **kwargs)


class MemberReportQuerySet(SearchableQuerySet):
    def visible_to(self, user):
        if is_officer(user):
            return self
        if user.is_authenticated and user.is_active and user.is_unit_officer and user.unit_id:
            return self.filter(Q(unit_id=user.unit_id) | Q(term__lead_unit_id=user.unit_id))
        return self.none()


class MemberReport(RulesModel):
    """One member unit's report for one period of a term: figures and narrative sections."""

    term = models.ForeignKey(
        "clusters.Term", verbose_name=_("term"), on_delete=models.CASCADE, related_name="member_reports"
    )
    unit = models.ForeignKey(
        "directory.Unit", verbose_name=_("member unit"), on_delete=models.PROTECT, related_name="member_reports"
    )
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    results = models.TextField(_("results by field"), blank=True)
    limitations = models.TextField(_("limitations"), blank=True)
    tasks_ahead = models.TextField(_("tasks ahead"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("returned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    search_text = models.TextField(editable=False, db_index=True, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MemberReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("member report")
        verbose_name_plural = _("member reports")
        ordering = ["-term__year", "period", "unit__search_text"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "unit", "period"],
                name="member_report_once_per_period",
                violation_error_message=_("This unit already has a report for this period of this term."),
            ),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="member_report_submitted_has_time",
                violation_error_message=_("A submitted report must record when it was submitted."),
            ),
        ]
        rules_permissions = {
            "list": can_start_report,
            "view": can_view_member_report,
            "add": can_start_report,
            "start": is_unit_officer,
            "change": can_change_member_report,
            "submit": can_submit_member_report,
            "return": can_return_member_report,
            "discard": can_discard_member_report,
            "delete": is_officer,
        }

    def __str__(self):
        return f"{self.unit} – {self.get_period_display()} {self.term.year}"

    def save(self, *args, **kwargs):
        _with_search_text(self, f"{self.unit.name} {self.unit.short_name} {self.term.cluster.name}", kwargs)
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        if (
            self.term_id
            and self.unit_id
            and not TermMember.objects.filter(term_id=self.term_id, unit_id=self.unit_id).exists()
        ):
            raise ValidationError(_("This unit is not a member of the term."))


class IndicatorValue(models.Model):
    report = models.ForeignKey(MemberReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    sample = models.BooleanField(
        _("sample figure"), default=False, help_text=_("Demo data: a plausible figure the source does not give.")
    )

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator__position", "indicator__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator"],
                name="indicator_value_once",
                violation_error_message=_("This report already has a value for this indicator."),
            )
        ]

    def __str__(self):
        return f"{self.indicator}: {format_number(self.value)}"


def attachment_path(instance, filename):
    return f"reports/attachments/{instance.report_id}/{filename}"


class ReportAttachment(SignatureChecked, models.Model):
    report = models.ForeignKey(
        MemberReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=255)
    file = DocumentField(_("file"), upload_to=attachment_path)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title


class TermWorkQuerySet(SearchableQuerySet):
    """Cluster reports and conferences: the term's lead and members, and officers, see them."""

    def visible_to(self, user):
        if is_officer(user):
            return self
        if user.is_authenticated and user.is_active and user.is_unit_officer and user.unit_id:
            member_terms = TermMember.objects.filter(unit_id=user.unit_id).values("term_id")
            return self.filter(Q(term__lead_unit_id=user.unit_id) | Q(term_id__in=member_terms))
        return self.none()


class ClusterReport(RulesModel):
    """The lead's compiled report for a period: figures are computed, the narrative is edited."""

    term = models.ForeignKey(
        "clusters.Term", verbose_name=_("term"), on_delete=models.CASCADE, related_name="cluster_reports"
    )
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    results = models.TextField(_("results by field"), blank=True)
    limitations = models.TextField(_("limitations"), blank=True)
    tasks_ahead = models.TextField(_("tasks ahead"), blank=True)
    compiled_at = models.DateTimeField(_("compiled at"), null=True, blank=True)
    search_text = models.TextField(editable=False, db_index=True, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = TermWorkQuerySet.as_manager()

    class Meta:
        verbose_name = _("cluster report")
        verbose_name_plural = _("cluster reports")
        ordering = ["-term__year", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "period"],
                name="cluster_report_once_per_period",
                violation_error_message=_("This cluster or bloc already has a report for this period."),
            )
        ]
        rules_permissions = {
            "list": can_start_report,
            "view": can_view_cluster_work,
            "add": can_start_report,
            "change": can_manage_cluster_work,
            "discard": can_manage_cluster_work,
            "delete": is_officer,
        }

    def __str__(self):
        return f"{self.term.cluster} – {self.get_period_display()} {self.term.year}"

    def save(self, *args, **kwargs):
        _with_search_text(self, self.term.cluster.name, kwargs)
        super().save(*args, **kwargs)


def conference_window(*, year, kind):
    """(first, last) plausible date of a conference of a term of `year`: within the year, and for the
    year-end review up to the end of March of the next year (often held in January)."""
    last = date(year + 1, 3, 31) if kind == ConferenceKind.YEAR_END else date(year, 12, 31)
    return date(year, 1, 1), last


class Conference(RulesModel):
    """A review conference of a cluster or bloc, and what it adopted."""

    term = models.ForeignKey(
        "clusters.Term", verbose_name=_("term"), on_delete=models.CASCADE, related_name="conferences"
    )
    period = models.CharField(_("period reviewed"), max_length=10, choices=Period.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=ConferenceKind.choices)
    title = models.CharField(_("title"), max_length=500)
    number = models.CharField(
        _("document number"), max_length=50, blank=True, help_text=_("Number of the summary, e.g. 05/BC-CTĐ.")
    )
    issuing_body = models.CharField(_("issuing body"), max_length=255, blank=True)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255)
    host_unit = models.ForeignKey(
        "directory.Unit", verbose_name=_("host unit"), on_delete=models.PROTECT, related_name="hosted_conferences"
    )
    attending_units = models.ManyToManyField(
        "directory.Unit", verbose_name=_("attending units"), blank=True, related_name="attended_conferences"
    )
    agenda = models.TextField(_("agenda"), blank=True)
    adopted_documents = models.TextField(
        _("documents adopted"), blank=True, help_text=_("One per line: the report, scoring rules or criteria ...")
    )
    conclusions = models.TextField(_("speeches and conclusions"), blank=True)
    next_tasks = models.TextField(_("tasks for the next half"), blank=True)
    commendations = models.TextField(_("commendations presented or proposed"), blank=True)
    search_text = models.TextField(editable=False, db_index=True, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = TermWorkQuerySet.as_manager()

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-held_on", "pk"]
        rules_permissions = {
            "list": can_start_report,
            "view": can_view_cluster_work,
            "add": can_start_report,
            "change": can_manage_cluster_work,
            "render": can_manage_cluster_work,
            "discard": can_manage_cluster_work,
            "delete": is_officer,
        }

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        _with_search_text(self, f"{self.title} {self.place} {self.term.cluster.name}", kwargs)
        super().save(*args, **kwargs)


class ConferenceAttendee(models.Model):
    """A person at the conference, with the title they held (e.g. the deputy minister)."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="attendees"
    )
    full_name = models.CharField(_("full name"), max_length=255)
    title = models.CharField(_("title"), max_length=500)
    unit = models.ForeignKey(
        "directory.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_chair = models.BooleanField(_("chairs the conference"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["-is_chair", "position", "pk"]

    def __str__(self):
        return f"{self.full_name}, {self.title}"


def summary_path(instance, filename):
    return f"reports/summaries/{filename}"


class RenderJob(models.Model):
    """One request to render a conference's PDF summary, carried out by a Celery worker."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="render_jobs"
    )
    status = models.CharField(_("status"), max_length=20, choices=RenderStatus.choices, default=RenderStatus.REQUESTED)
    file = models.FileField(_("file"), upload_to=summary_path, max_length=255, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.SET_NULL, null=True, blank=True
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    render_ms = models.PositiveIntegerField(_("render time (ms)"), null=True, blank=True)
    pdf_ms = models.PositiveIntegerField(
        _("of which WeasyPrint (ms)"), null=True, blank=True, help_text=_("0 when a stored file was reused.")
    )

    class Meta:
        verbose_name = _("summary render")
        verbose_name_plural = _("summary renders")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=RenderStatus.DONE) | ~Q(file=""),
                name="render_job_done_has_file",
                violation_error_message=_("A finished rendering must have its file."),
            ),
            models.UniqueConstraint(
                fields=["conference", "content_hash"],
                condition=Q(status__in=[RenderStatus.REQUESTED, RenderStatus.RUNNING]),
                name="render_job_one_active_per_content",
                violation_error_message=_("This document is already being rendered; wait for it to finish."),
            ),
        ]

    def __str__(self):
        return f"{self.conference} ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status in RenderStatus.active()
