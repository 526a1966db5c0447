from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from directory.rules import is_administrator, is_officer, is_signed_in
from portal.text import FoldedSearchMixin, folded_search

from ..enums import (
    AwardCategory,
    AwardLevel,
    CommendationType,
    ConferringAuthority,
    EligibilityRule,
    ParameterKind,
    RecipientKind,
    VoteRule,
)


class AwardQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The catalogue page: officers see every award, in use or not."""
        return self if is_officer(user) else self.none()

    def search(self, query):
        return self.filter(folded_search(query))

    def for_type(self, commendation_type):
        """Awards that may be used for `commendation_type` (the JSON list holds it, quoted)."""
        return self.filter(commendation_types__icontains=f'"{commendation_type}"')


class Award(FoldedSearchMixin, RulesModel):
    """An emulation title or commendation form of the catalogue, with its eligibility rule."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    recipient_kind = models.CharField(_("awarded to"), max_length=20, choices=RecipientKind.choices)
    category = models.CharField(_("title or form"), max_length=10, choices=AwardCategory.choices)
    level = models.CharField(_("level"), max_length=20, choices=AwardLevel.choices)
    conferred_by = models.CharField(
        _("conferred by"),
        max_length=30,
        choices=ConferringAuthority.choices,
        default=ConferringAuthority.PROVINCIAL_CHAIRMAN,
        help_text=_("The President's and the Prime Minister's awards are proposed upward by the province."),
    )
    commendation_types = models.JSONField(
        _("commendation types"), default=list, help_text=_("The commendation types this award may be used for.")
    )
    rule = models.CharField(
        _("eligibility rule"), max_length=40, choices=EligibilityRule.choices, default=EligibilityRule.NONE
    )
    vote_rule = models.CharField(_("council vote"), max_length=10, choices=VoteRule.choices, default=VoteRule.NONE)
    required_documents = models.JSONField(_("required documents"), default=list)
    signed_documents = models.JSONField(
        _("documents that must be digitally signed"),
        default=list,
        blank=True,
        help_text=_("Kinds of required documents whose upload must carry a valid digital signature."),
    )
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=0, help_text=_("Higher ranks win when only the highest title of a period pays.")
    )
    is_active = models.BooleanField(_("in use"), default=True)
    search_text = models.TextField(editable=False, default="")

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("award catalogue")
        ordering = ["-rank", "name"]
        rules_permissions = {
            "view": is_signed_in,
            "list": is_officer,
            "add": is_administrator,
            "change": is_administrator,
            "delete": is_administrator,
        }

    def __str__(self):
        return self.name

    def search_words(self):
        return [self.name, self.code]

    def clean(self):
        """Who confers the award matches its level (decision_document.level_warnings reads the level)."""
        from django.core.exceptions import ValidationError

        # issue 15, originals: a signed document is one of the required ones.
        signed = self.signed_documents or []
        if not isinstance(signed, list) or not set(signed) <= set(self.required_documents or []):
            raise ValidationError(
                {"signed_documents": _("The documents that must be signed must be among the required documents.")}
            )
        state_award = self.level == AwardLevel.NATIONAL and self.conferred_by in ConferringAuthority.proposed_upward()
        if (
            self.level
            and self.conferred_by
            and not state_award
            and ConferringAuthority.for_level(self.level) != self.conferred_by
        ):
            raise ValidationError(
                {
                    "conferred_by": _(
                        "The conferring authority does not match the level: the President and the Prime "
                        "Minister confer State awards, the provincial chairman provincial ones, the head of a "
                        "unit or the commune chairman grassroots ones."
                    )
                }
            )

    @property
    def is_proposed_upward(self):
        return self.conferred_by in ConferringAuthority.proposed_upward()

    def allows(self, commendation_type):
        return commendation_type in (self.commendation_types or [CommendationType.REGULAR])


PER_AWARD = sorted(ParameterKind.per_award())


class LegalParameter(RulesModel):
    """A dated legal figure: it applies from `effective_from` until a later row of the same kind."""

    kind = models.CharField(_("parameter"), max_length=30, choices=ParameterKind.choices)
    award = models.ForeignKey(
        Award,
        verbose_name=_("award"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="parameters",
        help_text=_("Only for bonus coefficients and the years of service an award requires."),
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    effective_from = models.DateField(_("effective from"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("legal parameter")
        verbose_name_plural = _("legal parameters")
        ordering = ["kind", "award__name", "-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind__in=PER_AWARD) & Q(award__isnull=False))
                | (~Q(kind__in=PER_AWARD) & Q(award__isnull=True)),
                name="legal_parameter_award_iff_per_award",
                violation_error_message=_(
                    "Only coefficients and years of service name an award, and each of them must name one."
                ),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="legal_parameter_not_negative",
                violation_error_message=_("A legal parameter cannot be negative."),
            ),
            models.UniqueConstraint(
                fields=["kind", "effective_from"],
                condition=Q(award__isnull=True),
                name="legal_parameter_once_per_date",
                violation_error_message=_("This parameter already has a value taking effect on this date."),
            ),
            models.UniqueConstraint(
                fields=["kind", "award", "effective_from"],
                condition=Q(award__isnull=False),
                name="legal_award_parameter_once_per_date",
                violation_error_message=_(
                    "This award already has a value of this parameter taking effect on this date."
                ),
            ),
        ]
        rules_permissions = {
            "view": is_officer,
            "add": is_administrator,
            "change": is_administrator,
            "delete": is_administrator,
        }

    def __str__(self):
        label = self.get_kind_display() if self.award_id is None else f"{self.get_kind_display()} – {self.award}"
        return f"{label}: {self.value} ({self.effective_from:%d/%m/%Y})"
