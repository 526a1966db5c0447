from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from directory.rules import is_administrator

from ..enums import AwardLevel
from ..rules import can_correct_decision, can_manage_council, can_process_proposal, can_view_council, can_view_proposal


class CouncilSessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if can_view_council(user) else self.none()


class CouncilSession(RulesModel):
    """A council meeting that votes on nominees; absent members vote in writing."""

    held_on = models.DateField(_("date"))
    member_count = models.PositiveSmallIntegerField(_("council members"))
    present_count = models.PositiveSmallIntegerField(_("members present"))
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CouncilSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member_count__gt=0),
                name="council_session_has_members",
                violation_error_message=_("A council session must have at least one member."),
            ),
            models.CheckConstraint(
                condition=Q(present_count__lte=F("member_count")),
                name="council_session_present_le_members",
                violation_error_message=_("The number of members present cannot exceed the number of council members."),
            ),
        ]
        rules_permissions = {
            "view": can_view_council,
            "list": can_view_council,
            "add": can_manage_council,
            "change": can_manage_council,
            "delete": is_administrator,
        }

    def __str__(self):
        return str(_("Council session of {date}").format(date=self.held_on.strftime("%d/%m/%Y")))


class CouncilVote(RulesModel):
    """The council's vote on one nominee: the result is fixed when the vote is recorded."""

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), on_delete=models.PROTECT, related_name="votes"
    )
    nominee = models.OneToOneField(
        "awards.Nominee", verbose_name=_("nominee"), on_delete=models.CASCADE, related_name="vote"
    )
    in_favour = models.PositiveSmallIntegerField(_("in favour (present)"))
    against = models.PositiveSmallIntegerField(_("against (present)"))
    written_in_favour = models.PositiveSmallIntegerField(_("in favour (written)"), default=0)
    written_against = models.PositiveSmallIntegerField(_("against (written)"), default=0)
    threshold = models.DecimalField(_("threshold (%)"), max_digits=5, decimal_places=2)
    share = models.DecimalField(_("share in favour (%)"), max_digits=5, decimal_places=2)
    is_passed = models.BooleanField(_("passed"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("council vote")
        verbose_name_plural = _("council votes")
        ordering = ["session", "pk"]
        rules_permissions = {"view": can_view_council, "add": can_manage_council, "change": can_manage_council}

    def __str__(self):
        return f"{self.nominee}: {self.share}%"


class Decision(RulesModel):
    """The signed decision on a proposal; its approved nominees become award records."""

    proposal = models.OneToOneField(
        "awards.Proposal", verbose_name=_("proposal"), on_delete=models.PROTECT, related_name="decision"
    )
    number = models.CharField(_("number"), max_length=50, unique=True)
    signed_on = models.DateField(_("date signed"))
    signer = models.CharField(_("signer"), max_length=255)
    level = models.CharField(_("level"), max_length=20, choices=AwardLevel.choices, default=AwardLevel.PROVINCIAL)
    base_salary = models.DecimalField(_("base salary applied"), max_digits=14, decimal_places=0)
    total_amount = models.DecimalField(_("total bonus"), max_digits=16, decimal_places=0, default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-signed_on", "-pk"]
        rules_permissions = {
            "view": can_view_proposal,
            "add": can_process_proposal,
            "change": can_correct_decision,
            "delete": is_administrator,
        }

    def __str__(self):
        return str(_("Decision {number}").format(number=self.number))
