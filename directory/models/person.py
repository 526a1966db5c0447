from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from portal.text import FoldedSearchMixin, folded_search

from ..enums import Gender, PositionTier
from ..rules import can_view_person, is_administrator, is_officer, is_unit_officer


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Officers see everyone; a unit officer sees the people of their own unit."""
        if is_officer(user):
            return self
        if is_unit_officer(user) and user.unit_id:
            return self.filter(unit_id=user.unit_id)
        return self.none()

    def search(self, query):
        return self.filter(folded_search(query))


class Person(FoldedSearchMixin, RulesModel):
    full_name = models.CharField(_("full name"), max_length=255)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    position = models.CharField(_("position"), max_length=255, blank=True)
    position_tier = models.CharField(
        _("position tier"),
        max_length=20,
        choices=PositionTier.choices,
        blank=True,
        help_text=_("The tier the statistical forms count the person in (0602.N, 0603.N)."),
    )
    unit = models.ForeignKey("directory.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="people")
    email = models.EmailField(_("email"), blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    search_text = models.TextField(editable=False, db_index=True, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["search_text", "pk"]
        indexes = [
            # Issue 14 (fields): the list's tier filter ("not set" too), in the list's order.
            models.Index(fields=["position_tier", "search_text"], name="person_tier_order"),
        ]
        rules_permissions = {
            "view": can_view_person,
            "list": is_officer | is_unit_officer,
            "add": is_officer,
            "change": is_officer,
            "delete": is_administrator,
            "import": is_officer,
        }

    def __str__(self):
        return self.full_name

    def search_words(self):
        return [self.full_name, self.position]
