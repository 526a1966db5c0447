from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from ..enums import DutyRatingLevel
from ..rules import can_list_ratings, can_rate, is_officer, is_unit_officer


class DutyRatingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Officers see every rating; a unit officer those of its unit's people and of its unit and sub-units."""
        from ..rules import rating_scope

        if is_officer(user):
            return self
        if is_unit_officer(user) and user.unit_id:
            person_units, units = rating_scope(user)
            return self.filter(Q(person__unit_id__in=person_units) | Q(unit_id__in=units))
        return self.none()

    def for_people(self):
        return self.filter(person__isnull=False)

    def for_units(self):
        return self.filter(unit__isnull=False)


class DutyRating(RulesModel):
    """The yearly rating of duty completion of one person or one collective (mức độ hoàn thành nhiệm vụ)."""

    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duty_ratings",
    )
    unit = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duty_ratings",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating of duty completion"), max_length=20, choices=DutyRatingLevel.choices)
    source_document = models.CharField(
        _("source document"),
        max_length=500,
        help_text=_("The number and date of the rating decision, or the list the rating came from."),
    )
    member_count = models.PositiveIntegerField(
        _("members that year"),
        null=True,
        blank=True,
        help_text=_(
            "For a collective: how many people it had that year (its staff list). The shares of its members "
            "are counted over this number when the directory holds fewer of its people."
        ),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DutyRatingQuerySet.as_manager()

    class Meta:
        verbose_name = _("rating of duty completion")
        verbose_name_plural = _("ratings of duty completion")
        ordering = ["-year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(unit__isnull=True))
                | (Q(person__isnull=True) & Q(unit__isnull=False)),
                name="duty_rating_person_or_unit",
                violation_error_message=_("A rating is for either a person or a unit, never both and never neither."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1945) & Q(year__lte=2100),
                name="duty_rating_year_sane",
                violation_error_message=_("The rating year must be between 1945 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(member_count__isnull=True) | Q(unit__isnull=False),
                name="duty_rating_member_count_of_collective",
                violation_error_message=_("Only a collective's rating states how many members it had."),
            ),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=Q(person__isnull=False),
                name="duty_rating_person_once",
                violation_error_message=_("This person already has a rating for this year."),
            ),
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(unit__isnull=False),
                name="duty_rating_unit_once",
                violation_error_message=_("This unit already has a rating for this year."),
            ),
        ]
        rules_permissions = {
            "view": can_rate,
            "list": can_list_ratings,
            "add": can_list_ratings,
            "change": can_rate,
            "delete": can_rate,
            "import": can_list_ratings,
        }

    def __str__(self):
        return f"{self.recipient} – {self.year}: {self.get_rating_display()}"

    @property
    def recipient(self):
        return self.person if self.person_id else self.unit

    @property
    def rank(self):
        return DutyRatingLevel.rank(self.rating)
