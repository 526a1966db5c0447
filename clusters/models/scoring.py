from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from directory.rules import is_officer
from portal.signed_documents import SignatureChecked
from portal.uploads import DocumentField

from ..enums import CriterionKind, PhaseKind, SheetStatus
from ..rules import can_fill_sheet, can_review_sheet, can_view_sheet
from .cluster import Term

POINTS = {"max_digits": 9, "decimal_places": 2}
# One whole sentence per phase another phase may overlap.
OVERLAPS = {
    PhaseKind.COMPACT: _("This phase overlaps the compact signing phase ({start} – {end})."),
    PhaseKind.SELF_ASSESSMENT: _("This phase overlaps the self-assessment phase ({start} – {end})."),
    PhaseKind.REVIEW: _("This phase overlaps the lead's review phase ({start} – {end})."),
    PhaseKind.VOTE: _("This phase overlaps the leading-unit vote phase ({start} – {end})."),
    PhaseKind.RESULTS: _("This phase overlaps the results phase ({start} – {end})."),
}


class Phase(models.Model):
    """One step of a term's schedule (pretalx's ReviewPhase): dates, and whether it is the current one.

    Phases of a term never overlap; `clusters.advance_phases` makes the phase containing today active.
    """

    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("phase"), max_length=20, choices=PhaseKind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    is_active = models.BooleanField(_("current phase"), default=False)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["term", "starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "kind"],
                name="phase_once_per_term",
                violation_error_message=_("This term already has this phase."),
            ),
            models.UniqueConstraint(
                fields=["term"],
                condition=Q(is_active=True),
                name="phase_one_active_per_term",
                violation_error_message=_("Only one phase of a term can be open at a time."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="phase_ends_after_start",
                violation_error_message=_("A phase cannot end before the day it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.term})"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A phase cannot end before it starts.")})
        if self.term_id and self.starts_on and self.ends_on:
            overlapping = (
                Phase.objects.filter(term_id=self.term_id, starts_on__lte=self.ends_on, ends_on__gte=self.starts_on)
                .exclude(pk=self.pk)
                .first()
            )
            if overlapping:
                raise ValidationError(
                    str(OVERLAPS[PhaseKind(overlapping.kind)]).format(
                        start=overlapping.starts_on.strftime("%d/%m/%Y"),
                        end=overlapping.ends_on.strftime("%d/%m/%Y"),
                    )
                )


class CriterionGroup(models.Model):
    """A group of criteria in a term's criteria set; groups may be nested once (a parent group)."""

    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.CASCADE, related_name="criterion_groups")
    parent = models.ForeignKey(
        "self", verbose_name=_("parent group"), on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    title = models.CharField(_("title"), max_length=500)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion group")
        verbose_name_plural = _("criterion groups")
        ordering = ["term", "position", "pk"]

    def __str__(self):
        return self.title


class Criterion(models.Model):
    """What is scored, how, and how many points it can give (or take, for deductions)."""

    group = models.ForeignKey(
        CriterionGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="criteria"
    )
    code = models.CharField(_("code"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=CriterionKind.choices)
    max_points = models.DecimalField(_("maximum points"), **POINTS, help_text=_("For bonus and deduction: the limit."))
    target = models.DecimalField(_("target"), **POINTS, null=True, blank=True)
    target_share = models.DecimalField(
        _("share of the maximum at target"),
        max_digits=4,
        decimal_places=2,
        default="0.50",
        help_text=_("Reaching the target earns this share of the maximum; less earns part of it pro rata."),
    )
    full_at_ratio = models.DecimalField(
        _("actual/target ratio that earns the maximum"),
        max_digits=5,
        decimal_places=2,
        default="1.20",
        help_text=_("Over-achievement earns more, up to the maximum at this ratio."),
    )
    points_per_count = models.DecimalField(_("points per count"), **POINTS, null=True, blank=True)
    requires_evidence = models.BooleanField(_("evidence required"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["group__position", "group_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_points__gt=0),
                name="criterion_max_points_positive",
                violation_error_message=_("The maximum points of a criterion must be greater than zero."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=CriterionKind.QUANTITATIVE) | Q(target__gt=0),
                name="criterion_quantitative_target",
                violation_error_message=_("A quantitative criterion needs a target greater than zero."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=CriterionKind.PER_COUNT) | Q(points_per_count__gt=0),
                name="criterion_per_count_points",
                violation_error_message=_("A criterion scored per count needs points per count greater than zero."),
            ),
            models.CheckConstraint(
                condition=Q(target_share__gt=0, target_share__lte=1, full_at_ratio__gt=1),
                name="criterion_quantitative_parameters",
                violation_error_message=_(
                    "The share of the maximum at target must be above 0 and at most 1, "
                    "and the ratio for full points must be above 1."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}".strip()

    @property
    def is_deduction(self):
        return self.kind == CriterionKind.DEDUCTION

    @property
    def points_range(self):
        """(lowest, highest) points this criterion can give."""
        return (-self.max_points, 0) if self.is_deduction else (0, self.max_points)

    def clean(self):
        if self.kind == CriterionKind.QUANTITATIVE and not self.target:
            raise ValidationError({"target": _("A quantitative criterion needs a target above zero.")})
        if self.kind == CriterionKind.PER_COUNT and not self.points_per_count:
            raise ValidationError({"points_per_count": _("Give the points earned per count.")})
        if self.group_id:
            reason = self.group.term.criteria_locked_reason()
            if reason:
                raise ValidationError(str(reason))


class SheetQuerySet(models.QuerySet):
    def visible_to(self, user):
        if is_officer(user):
            return self
        if not (user.is_authenticated and user.is_unit_officer and user.unit_id):
            return self.none()
        # The deputy reviews the lead's own sheet (clusters.rules.sheet_reviewer), so it sees that one.
        return self.filter(
            Q(unit_id=user.unit_id)
            | Q(term__lead_unit_id=user.unit_id)
            | Q(term__deputy_unit_id=user.unit_id, unit_id=F("term__lead_unit_id"))
        )


class Sheet(RulesModel):
    """A member's self-assessment for a term: one per member, reviewed and accepted by the lead.

    `version` grows on every write; writers send the version they read and a stale one is refused.
    """

    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.CASCADE, related_name="sheets")
    unit = models.ForeignKey("directory.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="sheets")
    status = models.CharField(_("status"), max_length=20, choices=SheetStatus.choices, default=SheetStatus.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "directory.User",
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SheetQuerySet.as_manager()

    class Meta:
        verbose_name = _("self-assessment sheet")
        verbose_name_plural = _("self-assessment sheets")
        ordering = ["term", "unit__search_text"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "unit"],
                name="sheet_once_per_member",
                violation_error_message=_("This unit already has a score sheet for this term."),
            )
        ]
        rules_permissions = {
            "view": can_view_sheet,
            "fill": can_fill_sheet,
            "review": can_review_sheet,
            "add": is_officer,
            "change": is_officer,
            "delete": is_officer,
        }

    def __str__(self):
        return f"{self.unit} – {self.term}"


class Score(SignatureChecked, models.Model):
    """One criterion on one sheet: the member's value and points, and the lead's adjustment."""

    sheet = models.ForeignKey(Sheet, verbose_name=_("sheet"), on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    value = models.DecimalField(_("value"), **POINTS, null=True, blank=True)
    self_points = models.DecimalField(_("self-assessed points"), **POINTS, default=0)
    points = models.DecimalField(_("points"), **POINTS, default=0, help_text=_("Negative for deductions."))
    comment = models.TextField(_("comment"), blank=True)
    evidence = DocumentField(_("evidence"), upload_to="clusters/evidence/%Y/", blank=True)
    signature_file_field = "evidence"  # its signature state: portal.signed_documents
    adjustment_reason = models.TextField(_("reason for the adjustment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["sheet", "criterion__group__position", "criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "criterion"],
                name="score_once_per_criterion",
                violation_error_message=_("This sheet already has a score for this criterion."),
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="score_value_not_negative",
                violation_error_message=_("A score value cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.points}"


class Ballot(models.Model):
    """One member unit's vote for the leading unit in one round."""

    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.CASCADE, related_name="ballots")
    round = models.PositiveSmallIntegerField(_("round"))
    voter = models.ForeignKey(
        "directory.Unit", verbose_name=_("voting unit"), on_delete=models.PROTECT, related_name="cluster_ballots"
    )
    choice = models.ForeignKey(
        "directory.Unit", verbose_name=_("unit voted for"), on_delete=models.PROTECT, related_name="+"
    )
    cast_by = models.ForeignKey(
        "directory.User", verbose_name=_("cast by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cast_at = models.DateTimeField(_("cast at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["term", "round", "cast_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "round", "voter"],
                name="ballot_one_per_member_and_round",
                violation_error_message=_("This member has already voted in this round."),
            ),
            models.CheckConstraint(
                condition=Q(round__gte=1, round__lte=2),
                name="ballot_round_range",
                violation_error_message=_("A ballot belongs to round 1 or round 2."),
            ),
        ]

    def __str__(self):
        return f"{self.voter} → {self.choice} ({self.term}, {self.round})"
