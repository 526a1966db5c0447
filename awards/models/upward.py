"""The package a proposal goes upward in (issue 16, upward): the zip of the dossier for the central
electronic dossier system, its manifest, and when, by whom and under which reference it was sent.

A package is never changed once sent; building again makes a new package with the next number.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from ..rules import can_download_upward_package, can_send_upward_package, can_view_upward_package


def package_path(instance, filename):
    return f"awards/upward/{instance.proposal_id}/goi-{instance.number:02d}.zip"


class UpwardPackage(RulesModel):
    """One built package of a proposal to a central-level award: the zip, its manifest, its sending."""

    proposal = models.ForeignKey(
        "awards.Proposal", verbose_name=_("proposal"), on_delete=models.PROTECT, related_name="upward_packages"
    )
    number = models.PositiveSmallIntegerField(_("package number"))
    built_at = models.DateTimeField(_("built at"))
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("built by"), on_delete=models.PROTECT, related_name="+"
    )
    # Written by the portal itself (awards.domain.upward.package), never uploaded.
    file = models.FileField(_("package file"), upload_to=package_path, max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    manifest = models.JSONField(_("manifest"), default=dict)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reference = models.CharField(_("central reference"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("upward package")
        verbose_name_plural = _("upward packages")
        ordering = ["proposal", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "number"],
                name="upward_package_number_once",
                violation_error_message=_("This proposal already has a package with this number."),
            ),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True, sent_by__isnull=True)
                | (Q(sent_at__isnull=False) & Q(sent_by__isnull=False) & ~Q(reference="")),
                name="upward_package_sent_whole",
                violation_error_message=_("A sent package records when, by whom and under which reference."),
            ),
        ]
        rules_permissions = {
            "view": can_view_upward_package,
            "download": can_download_upward_package,
            "send": can_send_upward_package,
        }

    def __str__(self):
        return str(_("Package {number} of {proposal}").format(number=self.number, proposal=self.proposal))

    @property
    def is_sent(self):
        return self.sent_at is not None

    @property
    def download_name(self):
        return f"ho-so-{self.proposal_id}-goi-{self.number:02d}.zip"
