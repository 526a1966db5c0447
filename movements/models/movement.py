from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from directory.rules import is_officer, is_signed_in
from portal.text import fold, folded_search

from ..enums import ReviewKind


class MovementQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if is_signed_in(user) else self.none()

    def search(self, query):
        return self.filter(folded_search(query))


class Movement(RulesModel):
    """An emulation movement (phong trào thi đua): launched by someone, for a period, with aims."""

    name = models.CharField(_("name"), max_length=500)
    code = models.CharField(_("code"), max_length=50, unique=True)
    search_text = models.TextField(editable=False, db_index=True, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MovementQuerySet.as_manager()

    class Meta:
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        ordering = ["search_text", "pk"]
        rules_permissions = {"view": is_signed_in, "add": is_officer, "change": is_officer, "delete": is_officer}

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.name} {self.code}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


class MovementReview(RulesModel):
    """An interim or final review of a movement; its outstanding collectives and individuals feed
    thematic award proposals and the reports' conferences."""

    movement = models.ForeignKey(Movement, verbose_name=_("movement"), on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(_("kind"), max_length=20, choices=ReviewKind.choices)
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
