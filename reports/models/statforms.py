"""Statistical forms (issue 14): a form's definition per version, and a form filled for a year.

A `StatForm` is data: its rows and columns, each with a filter over one dataset (the award records,
the movements, the office's organisations or staff). A new circular is a new row with a later
`valid_from`, not new code. A `StatReport` is one form filled for a year and a reporting unit: a
worker counts its cells and writes its Excel and PDF files; an officer marks it final once the
checks before filing pass, and a final report is frozen.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from directory.rules import is_administrator, is_officer
from portal.enums import JobStatus

from ..enums import StatDataset, StatReportState
from ..rules import (
    can_finalise_stat_report,
    can_recount_stat_report,
    can_reopen_stat_report,
    can_view_stat_forms,
)


class StatFormQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if is_officer(user) else self.none()

    def in_force(self, on):
        """The versions in force on `on`, one per form code (the latest that started by then)."""
        return self.filter(valid_from__lte=on).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))


class StatForm(RulesModel):
    """One version of a statistical form: its frame and its table, as data."""

    code = models.CharField(_("form code"), max_length=40, help_text=_("e.g. 0602.N/BNV-TĐKT"))
    title = models.CharField(_("title"), max_length=500)
    legal_basis = models.CharField(
        _("issued by"), max_length=255, help_text=_("e.g. Thông tư số 02/2023/TT-BNV ngày 23/3/2023")
    )
    valid_from = models.DateField(_("in force from"))
    valid_until = models.DateField(_("in force until"), null=True, blank=True)
    dataset = models.CharField(_("counts"), max_length=30, choices=StatDataset.choices)
    count_unit = models.CharField(_("unit of count"), max_length=100)
    receipt_date = models.CharField(
        _("receipt date"),
        max_length=100,
        default="Ngày 15 tháng 12 năm báo cáo",
        help_text=_("As printed on the form."),
    )
    definition = models.JSONField(
        _("rows and columns"),
        help_text=_("The base filter, the columns and the rows, each with its filter (see docs/conventions.md)."),
    )

    objects = StatFormQuerySet.as_manager()

    class Meta:
        verbose_name = _("statistical form")
        verbose_name_plural = _("statistical forms")
        ordering = ["code", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "valid_from"],
                name="stat_form_one_version_per_date",
                violation_error_message=_("This form already has a version in force from this date."),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="stat_form_validity_ordered",
                violation_error_message=_("A form version cannot end before it starts."),
            ),
        ]
        rules_permissions = {
            "view": can_view_stat_forms,
            "add": is_administrator,
            "change": is_administrator,
            "delete": is_administrator,
        }

    def __str__(self):
        return f"{self.code} ({self.legal_basis})"

    def clean(self):
        from django.core.exceptions import ValidationError

        from ..domain.statforms.definitions import DefinitionError, parse_definition

        try:
            parse_definition(self.dataset, self.definition)
        except DefinitionError as error:
            raise ValidationError({"definition": str(error)}) from error


class StatReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if can_view_stat_forms(user) else self.none()


def stat_report_path(instance, filename):
    return f"reports/statforms/{filename}"


class StatReport(RulesModel):
    """A form filled for one year and reporting unit: counted, written to Excel and PDF by a worker."""

    form = models.ForeignKey(StatForm, verbose_name=_("form"), on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField(_("year"))
    reporting_unit = models.ForeignKey(
        "directory.Unit", verbose_name=_("reporting unit"), on_delete=models.PROTECT, related_name="stat_reports"
    )
    receiving_unit = models.CharField(_("receiving unit"), max_length=255, default="Bộ Nội vụ")
    state = models.CharField(_("state"), max_length=10, choices=StatReportState.choices, default=StatReportState.DRAFT)
    values = models.JSONField(_("figures"), default=dict, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    counted_at = models.DateTimeField(_("counted at"), null=True, blank=True)
    xlsx = models.FileField(_("Excel file"), upload_to=stat_report_path, max_length=255, blank=True)
    pdf = models.FileField(_("PDF file"), upload_to=stat_report_path, max_length=255, blank=True)
    # The job that counts and writes the files (portal.jobs): status, step and lease.
    status = models.CharField(_("status"), max_length=20, choices=JobStatus.choices, default=JobStatus.REQUESTED)
    steps_done = models.PositiveSmallIntegerField(_("steps done"), default=0)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked final by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    finalised_at = models.DateTimeField(_("marked final at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = StatReportQuerySet.as_manager()

    STEPS = 3  # count the cells, write the Excel file, render the PDF

    class Meta:
        verbose_name = _("filled statistical form")
        verbose_name_plural = _("filled statistical forms")
        ordering = ["-year", "form__code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "year", "reporting_unit"],
                name="stat_report_once_per_year",
                violation_error_message=_("This form is already being filled for this year and unit."),
            ),
            models.CheckConstraint(
                condition=~Q(state=StatReportState.FINAL) | Q(status=JobStatus.DONE),
                name="stat_report_final_is_counted",
                violation_error_message=_("Only a counted form can be marked final."),
            ),
        ]
        rules_permissions = {
            "view": can_view_stat_forms,
            "list": can_view_stat_forms,
            "add": can_recount_stat_report,
            "recount": can_recount_stat_report,
            "finalise": can_finalise_stat_report,
            "reopen": can_reopen_stat_report,
        }

    def __str__(self):
        return f"{self.form.code} – {self.year}"

    @property
    def is_final(self):
        return self.state == StatReportState.FINAL

    @property
    def is_active(self):
        return self.status in JobStatus.active()
