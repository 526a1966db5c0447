from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from directory.rules import is_officer, is_signed_in

from ..enums import TargetDirection
from ..rules import can_correct_progress, can_record_progress


class Target(RulesModel):
    """A measurable aim of a movement: "25% of communes reach model new-rural standard by 2025"."""

    movement = models.ForeignKey(
        "movements.Movement", verbose_name=_("movement"), on_delete=models.CASCADE, related_name="targets"
    )
    indicator = models.CharField(_("indicator"), max_length=500)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=50, help_text=_("e.g. %, communes, VND"))
    direction = models.CharField(
        _("direction"), max_length=10, choices=TargetDirection.choices, default=TargetDirection.HIGHER
    )
    baseline_value = models.DecimalField(
        _("baseline value"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("The value at the start; needed when lower is better."),
    )
    target_value = models.DecimalField(_("target value"), max_digits=18, decimal_places=4)
    deadline = models.DateField(_("deadline"))
    position = models.PositiveIntegerField(_("order"), default=0)
    # A removed target is kept (its progress and history stay readable) but leaves the page.
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True, editable=False)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("removed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    removal_reason = models.TextField(_("reason for the removal"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_value__gt=0),
                name="target_value_positive",
                violation_error_message=_("The target value must be greater than zero."),
            ),
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True) | Q(baseline_value__gte=0),
                name="target_baseline_not_negative",
                violation_error_message=_("The baseline cannot be negative."),
            ),
        ]
        rules_permissions = {
            "view": is_signed_in,
            "add": is_officer,
            "change": is_officer,
            "delete": is_officer,
            "record_progress": can_record_progress,
        }

    def __str__(self):
        return self.indicator

    @property
    def is_removed(self):
        return self.removed_at is not None

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.target_value is not None and self.target_value <= 0:
            errors["target_value"] = _("The target value must be greater than zero.")
        lower_is_better = self.direction == TargetDirection.LOWER
        has_both = self.baseline_value is not None and self.target_value is not None
        if lower_is_better and has_both and self.baseline_value <= self.target_value:
            errors["baseline_value"] = _("When lower is better, the baseline must be above the target.")
        if errors:
            raise ValidationError(errors)


class ProgressEntry(RulesModel):
    """A value of a target's indicator on a date, with where it comes from."""

    target = models.ForeignKey(Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="progress")
    recorded_on = models.DateField(_("as of"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    source = models.CharField(
        _("source"), max_length=500, blank=True, help_text=_("e.g. the report or statistics the figure comes from")
    )
    unit = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("reported by unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="movement_progress",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # A withdrawn value is kept and shown in the history, but leaves the chart and the percentages.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    withdrawal_reason = models.TextField(_("reason for the withdrawal"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("progress value")
        verbose_name_plural = _("progress values")
        ordering = ["recorded_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="progress_value_not_negative",
                violation_error_message=_("A progress value cannot be negative."),
            )
        ]
        rules_permissions = {
            "view": is_signed_in,
            "add": can_record_progress,
            "change": can_correct_progress,
            "withdraw": can_correct_progress,
            "delete": is_officer,
        }

    def __str__(self):
        # Plain digits ("120", never "1.2E+2"): the audit log keeps this text to name the row.
        value = format(self.value.normalize(), "f") if isinstance(self.value, Decimal) else self.value
        day = f" ({self.recorded_on:%d/%m/%Y})" if self.recorded_on else ""
        return f"{self.target}: {value}{day}"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None
