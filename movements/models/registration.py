from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from directory.rules import is_officer

from ..rules import leads_registration_movement, registers_own_unit


class RegistrationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Officers see every registration; a unit officer sees their own unit's, and the lead unit's
        officers see those of the movements they lead."""
        if is_officer(user):
            return self
        if user.is_authenticated and user.is_unit_officer and user.unit_id:
            return self.filter(models.Q(unit_id=user.unit_id) | models.Q(movement__lead_unit_id=user.unit_id))
        return self.none()


class Registration(RulesModel):
    """A unit's registration (đăng ký thi đua) for a movement: its commitments and the titles it aims for."""

    movement = models.ForeignKey(
        "movements.Movement", verbose_name=_("movement"), on_delete=models.CASCADE, related_name="registrations"
    )
    unit = models.ForeignKey(
        "directory.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="movement_registrations"
    )
    commitments = models.TextField(_("commitments"))
    aimed_titles = models.TextField(
        _("titles aimed for"),
        blank=True,
        help_text=_("e.g. Tập thể lao động xuất sắc; Cờ thi đua cấp tỉnh"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["movement", "unit__search_text", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "unit"],
                name="registration_once_per_unit",
                violation_error_message=_("This unit has already registered for this movement."),
            )
        ]
        rules_permissions = {
            "view": is_officer | registers_own_unit | leads_registration_movement,
            "add": is_officer | registers_own_unit,
            "change": is_officer | registers_own_unit,
            "delete": is_officer,
        }

    def __str__(self):
        return f"{self.unit} – {self.movement}"
