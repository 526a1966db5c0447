from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from portal.text import FoldedSearchMixin, folded_search

from ..enums import UnitKind
from ..rules import is_administrator, is_officer, is_signed_in


class UnitQuerySet(models.QuerySet):
    def visible_to(self, user):
        # The directory of units is public inside the portal: every signed-in user sees it.
        return self if is_signed_in(user) else self.none()

    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=on)
        )

    def historical(self, on=None):
        on = on or timezone.localdate()
        return self.filter(valid_until__lt=on)

    def search(self, query):
        return self.filter(folded_search(query))

    def provinces(self):
        return self.filter(kind=UnitKind.PROVINCE)


class Unit(FoldedSearchMixin, RulesModel):
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    code = models.CharField(
        _("administrative code"),
        max_length=20,
        blank=True,
        help_text=_("The code in the national list of administrative units, or the agency's own code."),
    )
    is_enterprise = models.BooleanField(
        _("enterprise"),
        default=False,
        help_text=_("A business: the statistical forms count collectives that are enterprises apart."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text=_("The unit this one became part of when it ceased to exist."),
    )
    search_text = models.TextField(editable=False, db_index=True, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["search_text", "pk"]
        indexes = [
            # Issue 13 (explain): each list filter has an index (tests/test_explain_plans.py); the search
            # box's trigram index is PostgreSQL-only (migration 0006).
            models.Index(fields=["kind", "search_text"], name="unit_kind_order"),
            models.Index(fields=["valid_until"], name="unit_valid_until"),
            # Issue 14 (fields): the list's "enterprises only" filter, in the list's order.
            models.Index(fields=["search_text"], condition=Q(is_enterprise=True), name="unit_enterprise_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=~Q(code=""),
                name="unit_code_unique",
                violation_error_message=_("Another unit already has this code."),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="unit_validity_ordered",
                violation_error_message=_("A unit cannot stop existing before the date it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(successor=models.F("pk")),
                name="unit_not_own_successor",
                violation_error_message=_("A unit cannot be merged into itself."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")),
                name="unit_not_own_parent",
                violation_error_message=_("A unit cannot be its own parent unit."),
            ),
        ]
        rules_permissions = {
            "view": is_signed_in,
            "add": is_officer,
            "change": is_officer,
            "delete": is_administrator,
            "import": is_officer,
        }

    def __str__(self):
        return self.name

    def search_words(self):
        return [self.name, self.short_name, self.code]

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end of validity cannot be before its start.")
        if self.pk and self.successor_id == self.pk:
            errors["successor"] = _("A unit cannot merge into itself.")
        if self.pk and self.parent_id == self.pk:
            errors["parent"] = _("A unit cannot be its own parent.")
        if self.successor_id and not self.valid_until:
            errors["valid_until"] = _("A unit that merged into another needs the date it ceased to exist.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_current(self):
        today = timezone.localdate()
        return (self.valid_until is None or self.valid_until >= today) and (
            self.valid_from is None or self.valid_from <= today
        )

    # What an autocomplete loads and shows of a unit (portal.widgets.autocomplete_response).
    CHOICE_FIELDS = ("pk", "name", "code", "valid_until")

    def as_choice(self):
        return {"text": str(self.display_name), "code": self.code}

    @property
    def display_name(self):
        """The name with its validity when it no longer exists ("Nam Định (until 30/06/2025)")."""
        if self.valid_until and self.valid_until < timezone.localdate():
            from django.utils.formats import date_format

            return _("{name} (until {date})").format(
                name=self.name, date=date_format(self.valid_until, "SHORT_DATE_FORMAT")
            )
        return self.name
