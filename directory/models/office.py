"""The emulation and commendation office itself: its organisations and civil servants (forms 0604.N, 0605.N)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from portal.text import FoldedSearchMixin, folded_search

from ..enums import Gender, OfficeStructure, TrainingLevel
from ..rules import is_officer


class OfficeQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if is_officer(user) else self.none()

    def search(self, query):
        return self.filter(folded_search(query))

    def in_year(self, year, *, start="established_on", end="dissolved_on"):
        """Rows that existed at the end of `year` (the forms count the office as it stood then)."""
        import datetime

        year_end = datetime.date(year, 12, 31)
        return self.filter(Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": year_end})).filter(
            Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": year_end})
        )


class OfficeOrganisation(FoldedSearchMixin, RulesModel):
    """An organisation doing emulation and commendation work: a board, a division, a section."""

    name = models.CharField(_("name"), max_length=255)
    structure = models.CharField(_("structure"), max_length=30, choices=OfficeStructure.choices)
    unit = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("belongs to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="office_organisations",
        help_text=_("The agency or locality the organisation works in."),
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("emulation and commendation organisation")
        verbose_name_plural = _("emulation and commendation organisations")
        ordering = ["search_text", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(established_on__isnull=True)
                | Q(dissolved_on__gte=models.F("established_on")),
                name="office_organisation_dates_ordered",
                violation_error_message=_("An organisation cannot be dissolved before it was established."),
            ),
        ]
        rules_permissions = {
            "view": is_officer,
            "list": is_officer,
            "add": is_officer,
            "change": is_officer,
            "delete": is_officer,
            "import": is_officer,
        }

    def __str__(self):
        return self.name

    def search_words(self):
        return [self.name]


class OfficeStaff(FoldedSearchMixin, RulesModel):
    """A civil servant doing emulation and commendation work (form 0605.N counts them, women apart)."""

    full_name = models.CharField(_("full name"), max_length=255)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    training = models.CharField(_("training"), max_length=30, choices=TrainingLevel.choices)
    in_work_since = models.PositiveSmallIntegerField(
        _("in this work since"), help_text=_("The year the person began emulation and commendation work.")
    )
    organisation = models.ForeignKey(
        OfficeOrganisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="staff"
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("emulation and commendation civil servant")
        verbose_name_plural = _("emulation and commendation civil servants")
        ordering = ["search_text", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(joined_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="office_staff_dates_ordered",
                violation_error_message=_("A civil servant cannot leave before joining."),
            ),
            models.CheckConstraint(
                condition=Q(in_work_since__gte=models.F("birth_year")),
                name="office_staff_work_after_birth",
                violation_error_message=_("The year work began cannot be before the year of birth."),
            ),
        ]
        rules_permissions = {
            "view": is_officer,
            "list": is_officer,
            "add": is_officer,
            "change": is_officer,
            "delete": is_officer,
            "import": is_officer,
        }

    def __str__(self):
        return self.full_name

    def search_words(self):
        return [self.full_name]
