import rules
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from ..enums import Role


class User(RulesModelMixin, AbstractUser, metaclass=RulesModelBase):
    """A person who signs in. Roles are held as flags; cluster lead rights come from the
    cluster's term (the user's unit leads it that year), never from a flag here."""

    full_name = models.CharField(_("full name"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    is_provincial_officer = models.BooleanField(
        _("provincial officer"),
        default=False,
        help_text=_("Works in the provincial emulation and commendation office."),
    )
    is_unit_officer = models.BooleanField(
        _("unit officer"), default=False, help_text=_("Handles emulation and commendation for their own unit.")
    )
    is_council_member = models.BooleanField(_("council member"), default=False)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or self.username

    def has_perm(self, perm, obj=None):
        """Rules decide every right on a portal object, for administrators too.

        Django lets a superuser do anything; here being an administrator gives configuration and
        Django admin (permissions without an object), never the rights of a unit, a cluster lead or
        the council on one of their records.
        """
        if obj is not None and rules.perm_exists(perm):
            return self.is_active and rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)

    @property
    def roles(self):
        held = []
        if self.is_provincial_officer:
            held.append(Role.PROVINCIAL_OFFICER)
        if self.is_unit_officer:
            held.append(Role.UNIT_OFFICER)
        if self.is_council_member:
            held.append(Role.COUNCIL_MEMBER)
        if self.is_superuser:
            held.append(Role.ADMINISTRATOR)
        return held


def provincial_officers():
    """The active people of the provincial office (the officer role): whom a workflow event for the
    office notifies (`portal.notifications.notify(users=...)`)."""
    return list(User.objects.filter(is_provincial_officer=True, is_active=True))
