import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from directory.enums import PositionTier
from directory.rules import is_administrator, is_officer
from portal.text import FoldedSearchMixin, folded_search

from ..enums import CaseKind, CommendationType, DisciplineLevel, InitiativeScope, RecordSource
from ..rules import can_correct_award_records, can_import_award_records, can_view_award_records


class Initiative(RulesModel):
    """A recognised initiative: it may support one title or form only."""

    title = models.CharField(_("title"), max_length=500)
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
    )
    unit = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
    )
    scope = models.CharField(_("effect"), max_length=20, choices=InitiativeScope.choices)
    recognised_on = models.DateField(_("recognised on"))
    used_by = models.ForeignKey(
        "awards.AwardRecord",
        verbose_name=_("used for"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives_used",
        help_text=_("The award this initiative supported when it was not the award's own initiative."),
    )

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-recognised_on", "pk"]
        rules_permissions = {"view": is_officer, "add": is_officer, "change": is_officer, "delete": is_administrator}

    def __str__(self):
        return self.title


class DisciplineCase(RulesModel):
    """Discipline, inspection or complaint about a person or a unit: awards are held while it is open."""

    kind = models.CharField(_("kind"), max_length=20, choices=CaseKind.choices)
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="discipline_cases",
    )
    unit = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="discipline_cases",
    )
    level = models.CharField(_("sanction"), max_length=20, choices=DisciplineLevel.choices, default="none")
    opened_on = models.DateField(_("opened on"))
    sanctioned_on = models.DateField(
        _("sanction imposed on"),
        null=True,
        blank=True,
        help_text=_("The date of the sanction decision: discipline counts in the year it was imposed."),
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("discipline, inspection or complaint")
        verbose_name_plural = _("discipline, inspections and complaints")
        ordering = ["-opened_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(unit__isnull=False),
                name="discipline_case_has_subject",
                violation_error_message=_("A discipline case must name a person or a unit."),
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="discipline_case_dates_ordered",
                violation_error_message=_("A discipline case cannot be closed before the date it was opened."),
            ),
            models.CheckConstraint(
                condition=Q(sanctioned_on__isnull=True) | Q(sanctioned_on__gte=models.F("opened_on")),
                name="discipline_case_sanction_after_opening",
                violation_error_message=_("A sanction cannot be imposed before the case was opened."),
            ),
        ]
        rules_permissions = {"view": is_officer, "add": is_officer, "change": is_officer, "delete": is_administrator}

    @property
    def sanction_date(self):
        """When the sanction counts: its own date; for older rows without one, the closing or opening date."""
        return self.sanctioned_on or self.closed_on or self.opened_on

    def __str__(self):
        subject = self.person or self.unit
        return f"{self.get_kind_display()}: {subject}"


# Issue 15 (certificates): the code printed on a certificate and in its QR: 10 characters of an
# alphabet without the look-alikes 0/O, 1/I/L (31 signs, about 49 bits), drawn with `secrets`.
VERIFICATION_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
VERIFICATION_LENGTH = 10


def new_verification_code():
    return "".join(secrets.choice(VERIFICATION_ALPHABET) for _ in range(VERIFICATION_LENGTH))


class AwardRecordQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if can_view_award_records(user) else self.none()

    def search(self, query):
        return self.filter(folded_search(query))

    def counting(self):
        """Records that count towards regular-merit awards (special and thematic ones do not)."""
        return self.filter(commendation_type=CommendationType.REGULAR)


class AwardRecord(FoldedSearchMixin, RulesModel):
    """One award conferred: the history eligibility is checked against."""

    recipient_name = models.CharField(_("awarded to"), max_length=255)
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_records",
    )
    unit = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_records",
        help_text=_("The collective awarded, or the individual's unit at the time."),
    )
    is_collective = models.BooleanField(_("collective"), default=False)
    is_household = models.BooleanField(_("household"), default=False)
    position_tier = models.CharField(
        _("position tier"),
        max_length=20,
        choices=PositionTier.choices,
        blank=True,
        help_text=_("The individual's tier when the award was conferred (statistical forms 0602.N, 0603.N)."),
    )
    award = models.ForeignKey("awards.Award", verbose_name=_("award"), on_delete=models.PROTECT, related_name="records")
    year = models.PositiveSmallIntegerField(_("year"))
    commendation_type = models.CharField(
        _("commendation type"), max_length=20, choices=CommendationType.choices, default=CommendationType.REGULAR
    )
    decision = models.ForeignKey(
        "awards.Decision",
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
    )
    nominee = models.OneToOneField(
        "awards.Nominee",
        verbose_name=_("nominee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="record",
    )
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    amount = models.DecimalField(_("bonus (VND)"), max_digits=14, decimal_places=0, default=0)
    initiative = models.OneToOneField(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="record",
    )
    source = models.CharField(_("source"), max_length=20, choices=RecordSource.choices, default=RecordSource.DECISION)
    search_text = models.CharField(editable=False, max_length=255, default="")
    verification_code = models.CharField(
        _("verification code"),
        max_length=VERIFICATION_LENGTH,
        unique=True,
        editable=False,
        default=new_verification_code,
        help_text=_("Printed on the certificate and in its QR code: anyone may check the award with it."),
    )

    objects = AwardRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("award record")
        verbose_name_plural = _("award history")
        ordering = ["search_text", "-year", "pk"]
        indexes = [
            models.Index(fields=["search_text", "year"], name="award_record_search_year"),
            models.Index(fields=["person", "award", "year"], name="award_record_person"),
            models.Index(fields=["unit", "award", "year"], name="award_record_unit"),
            # Issue 13 (explain): the lookup's award filter, alone and with a year, in the lookup's order
            # (a rare award would otherwise walk the whole name index); the name search has its trigram
            # index (migration 0002).
            models.Index(fields=["award", "search_text"], name="award_record_award_order"),
            models.Index(fields=["award", "year", "search_text"], name="award_record_award_year"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="award_record_amount_not_negative",
                violation_error_message=_("The award amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(is_collective=False) | Q(unit__isnull=False),
                name="award_record_collective_has_unit",
                violation_error_message=_("A collective award must name its unit."),
            ),
        ]
        rules_permissions = {
            "view": can_view_award_records,
            "list": can_view_award_records,
            "import": can_import_award_records,
            # Issue 14: an officer corrects what the statistical forms read (tier, type, recipient), with a
            # reason (awards:record_edit); Django admin's change stays the administrators'.
            "correct": can_correct_award_records,
            "change": is_administrator,
            "delete": is_administrator,
        }

    def __str__(self):
        return f"{self.recipient_name} – {self.award} ({self.year})"

    search_text_max_length = 255

    def search_words(self):
        return [self.recipient_name]
