from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from directory.rules import is_officer, is_signed_in
from portal.signed_documents import SignatureChecked
from portal.text import FoldedSearchMixin, folded_search
from portal.uploads import DocumentField

from ..enums import MovementKind, MovementLevel, MovementScope, MovementState, ReviewKind
from ..rules import can_follow_registrations, can_record_progress, can_register


class MovementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Every signed-in user follows the province's movements; drafts are for officers only."""
        if not is_signed_in(user):
            return self.none()
        if is_officer(user):
            return self
        # Every state but the draft, as a list an index serves (not a negated condition: same rows).
        return self.filter(state__in=[state for state in MovementState.values if state != MovementState.DRAFT])

    def search(self, query):
        return self.filter(folded_search(query))

    def active_on(self, day):
        """Movements whose period includes `day` (an open end counts as still running)."""
        return self.filter(Q(starts_on__isnull=True) | Q(starts_on__lte=day)).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=day)
        )


class Movement(FoldedSearchMixin, RulesModel):
    """An emulation movement (phong trào thi đua): launched by someone, for a period, with aims."""

    name = models.CharField(_("name"), max_length=500)
    code = models.CharField(_("code"), max_length=50, unique=True)
    level = models.CharField(
        _("launched at level"), max_length=20, choices=MovementLevel.choices, default=MovementLevel.PROVINCIAL
    )
    kind = models.CharField(
        _("movement kind"), max_length=20, choices=MovementKind.choices, default=MovementKind.THEMATIC
    )
    scope = models.CharField(
        _("scope"),
        max_length=20,
        choices=MovementScope.choices,
        default=MovementScope.SECTOR,
        help_text=_("Who takes part: the statistical form 0601.N counts movements by scope."),
    )
    launching_authority = models.CharField(
        _("launching authority"),
        max_length=255,
        blank=True,
        help_text=_("Who launched it, e.g. “Thủ tướng Chính phủ” or “UBND tỉnh Nam Định”."),
    )
    plan_number = models.CharField(
        _("plan document number"), max_length=100, blank=True, help_text=_("e.g. 79/KH-UBND")
    )
    plan_date = models.DateField(_("plan document date"), null=True, blank=True)
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    lead_unit = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("lead unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_movements",
        help_text=_("The unit that presides over the movement; its officers record progress."),
    )
    standing_unit = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("standing unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="standing_movements",
    )
    objectives = models.TextField(_("objectives"), blank=True)
    participants = models.ManyToManyField(
        "directory.Unit",
        verbose_name=_("participating units"),
        blank=True,
        related_name="movements",
        help_text=_("The units expected to register; those that have not can be reminded."),
    )
    state = models.CharField(_("state"), max_length=20, choices=MovementState.choices, default=MovementState.DRAFT)
    state_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True, editable=False)
    state_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("state changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    last_reminded_at = models.DateTimeField(_("last reminder sent at"), null=True, blank=True, editable=False)
    # What the last reminder really did (written by the task that sent it): the units written to
    # and those that have no unit officer with an email address, one name a line.
    last_reminder_sent_to = models.TextField(_("last reminder sent to"), blank=True, editable=False)
    last_reminder_unreachable = models.TextField(
        _("units the last reminder could not reach"), blank=True, editable=False
    )
    search_text = models.TextField(editable=False, db_index=True, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MovementQuerySet.as_manager()

    class Meta:
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        ordering = ["search_text", "pk"]
        # Issue 13 (explain): the list's state filter and visibility; the search box's trigram index is
        # PostgreSQL-only (migration 0007).
        indexes = [models.Index(fields=["state", "search_text"], name="movement_state_order")]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="movement_period_ordered",
                violation_error_message=_("A movement cannot end before the day it starts."),
            ),
        ]
        rules_permissions = {
            "view": is_signed_in,
            "add": is_officer,
            "change": is_officer,
            "delete": is_officer,
            "transition": is_officer,
            "reopen": is_officer,
            "record_progress": can_record_progress,
            "register": can_register,
            "follow_registrations": can_follow_registrations,
        }

    def __str__(self):
        return self.name

    def search_words(self):
        return [self.name, self.code, self.launching_authority, self.plan_number]

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})

    @property
    def is_closed(self):
        return self.state == MovementState.CLOSED

    @property
    def is_draft(self):
        return self.state == MovementState.DRAFT

    @property
    def reminded_units(self):
        return [name for name in self.last_reminder_sent_to.splitlines() if name]

    @property
    def unreachable_units(self):
        return [name for name in self.last_reminder_unreachable.splitlines() if name]

    @property
    def is_open_for_registration(self):
        return self.state in MovementState.open()

    @property
    def period(self):
        if self.starts_on and self.ends_on:
            if self.starts_on.year == self.ends_on.year:
                return str(self.starts_on.year)
            return f"{self.starts_on.year}–{self.ends_on.year}"
        return ""

    @property
    def plan_reference(self):
        """ "Kế hoạch số 79/KH-UBND ngày 13/06/2022" as officers cite it (dd/mm/yyyy, like every date)."""
        if not self.plan_number:
            return ""
        if self.plan_date:
            return _("Plan No. {number} of {date}").format(
                number=self.plan_number, date=date_format(self.plan_date, "SHORT_DATE_FORMAT")
            )
        return _("Plan No. {number}").format(number=self.plan_number)


class MovementDocument(SignatureChecked, RulesModel):
    """A document attached to a movement: the plan, a guidance letter, a review report."""

    movement = models.ForeignKey(
        Movement, verbose_name=_("movement"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("subject"), max_length=500)
    number = models.CharField(_("document number"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    file = DocumentField(_("file"), upload_to="movements/documents/%Y/", blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("movement document")
        verbose_name_plural = _("movement documents")
        ordering = ["issued_on", "pk"]
        rules_permissions = {"view": is_signed_in, "add": is_officer, "change": is_officer, "delete": is_officer}

    def __str__(self):
        return " ".join(filter(None, [self.number, self.title]))


class MovementReview(RulesModel):
    """An interim or final review of a movement; its outstanding collectives and individuals feed
    thematic award proposals and the reports' conferences."""

    movement = models.ForeignKey(Movement, verbose_name=_("movement"), on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(_("review kind"), max_length=20, choices=ReviewKind.choices)
    held_on = models.DateField(_("date"))
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("movement review")
        verbose_name_plural = _("movement reviews")
        ordering = ["-held_on", "pk"]
        rules_permissions = {"view": is_signed_in, "add": is_officer, "change": is_officer, "delete": is_officer}

    def __str__(self):
        return f"{self.get_kind_display()} – {self.movement} ({self.held_on:%d/%m/%Y})"


class ReviewHonouree(RulesModel):
    """An outstanding collective (a unit) or individual (a person) a review found."""

    review = models.ForeignKey(
        MovementReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="honourees"
    )
    unit = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("collective"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="movement_honours",
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("individual"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="movement_honours",
    )
    note = models.CharField(_("achievement"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("outstanding collective or individual")
        verbose_name_plural = _("outstanding collectives and individuals")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(person__isnull=True))
                | (Q(unit__isnull=True) & Q(person__isnull=False)),
                name="review_honouree_unit_xor_person",
                violation_error_message=_("An honouree is either a unit or a person, never both and never neither."),
            ),
            models.UniqueConstraint(
                fields=["review", "unit"],
                name="review_honouree_unit_once",
                violation_error_message=_("This unit is already honoured in this review."),
            ),
            models.UniqueConstraint(
                fields=["review", "person"],
                name="review_honouree_person_once",
                violation_error_message=_("This person is already honoured in this review."),
            ),
        ]
        rules_permissions = {"view": is_signed_in, "add": is_officer, "change": is_officer, "delete": is_officer}

    def __str__(self):
        return str(self.unit or self.person)
