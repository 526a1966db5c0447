from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from directory.rules import is_administrator
from portal.text import FoldedSearchMixin, folded_search

from ..enums import AwardLevel
from ..rules import can_correct_decision, can_manage_council, can_process_proposal, can_view_council, can_view_proposal


class CouncilPosition(models.TextChoices):
    """A member's place in the council (Hội đồng Thi đua - Khen thưởng)."""

    CHAIRMAN = "chairman", _("Chairman")
    VICE_CHAIRMAN = "vice_chairman", _("Vice-chairman")
    STANDING_MEMBER = "standing_member", _("Standing member")
    MEMBER = "member", _("Member")


class CouncilMemberQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if can_view_council(user) else self.none()

    def search(self, query):
        return self.filter(folded_search(query))


class CouncilMember(FoldedSearchMixin, RulesModel):
    """A member of the province's council, kept by the office; a session records who attended."""

    full_name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(
        _("position in the council"), max_length=20, choices=CouncilPosition.choices, default=CouncilPosition.MEMBER
    )
    title = models.CharField(_("office held"), max_length=255, blank=True, help_text=_("E.g. Giám đốc Sở Nội vụ."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_memberships",
    )
    is_active = models.BooleanField(_("active"), default=True)
    search_text = models.TextField(editable=False, db_index=True, default="")

    objects = CouncilMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["-is_active", "search_text", "pk"]
        rules_permissions = {
            "view": can_view_council,
            "list": can_view_council,
            "add": can_manage_council,
            "change": can_manage_council,
        }

    def __str__(self):
        return self.full_name

    def search_words(self):
        return [self.full_name, self.title]


class CouncilSessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if can_view_council(user) else self.none()


class CouncilSession(RulesModel):
    """A council meeting that votes on nominees; absent members vote in writing."""

    held_on = models.DateField(_("date"))
    member_count = models.PositiveSmallIntegerField(_("council members"))
    present_count = models.PositiveSmallIntegerField(_("members present"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    starts_at = models.TimeField(_("starting time"), null=True, blank=True)
    chair = models.ForeignKey(
        CouncilMember, verbose_name=_("chairperson"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    secretary = models.ForeignKey(
        CouncilMember, verbose_name=_("secretary"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
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


class SessionAttendance(RulesModel):
    """One council member at one session: present, or absent (with or without a written vote)."""

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendance"
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("council member"), on_delete=models.PROTECT, related_name="attendance"
    )
    present = models.BooleanField(_("present"), default=True)
    written_vote_received = models.BooleanField(_("written vote received"), default=False)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["session", "member__search_text", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member"],
                name="session_attendance_once",
                violation_error_message=_("This member is already listed for this session."),
            ),
            models.CheckConstraint(
                condition=Q(present=False) | Q(written_vote_received=False),
                name="session_attendance_written_only_absent",
                violation_error_message=_("Only an absent member sends a written vote."),
            ),
        ]
        rules_permissions = {"view": can_view_council, "add": can_manage_council, "change": can_manage_council}

    def __str__(self):
        return f"{self.member} – {self.session}"


class SessionQuota(RulesModel):
    """How many nominees of one award a session may pass (the places ranked by `awards.domain.ranking`)."""

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="quotas"
    )
    award = models.ForeignKey("awards.Award", verbose_name=_("award"), on_delete=models.PROTECT, related_name="+")
    places = models.PositiveSmallIntegerField(_("places"))

    class Meta:
        verbose_name = _("places for an award")
        verbose_name_plural = _("places for awards")
        ordering = ["session", "award__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "award"],
                name="session_quota_once",
                violation_error_message=_("This award already has its number of places in this session."),
            ),
            models.CheckConstraint(
                condition=Q(places__gt=0),
                name="session_quota_positive",
                violation_error_message=_("The number of places must be at least 1."),
            ),
        ]
        rules_permissions = {"view": can_view_council, "add": can_manage_council, "change": can_manage_council}

    def __str__(self):
        return f"{self.award}: {self.places}"


class CouncilVote(RulesModel):
    """The council's vote on one nominee: the result is fixed when the vote is recorded.

    A vote is never deleted: an annulled vote keeps its counts with annulled_at / annulled_by /
    annul_reason, and the nominee may be voted on again. `nominee` is the history (every vote);
    `current_for` points at the same nominee while the vote stands and is cleared when it is
    annulled, so `nominee.vote` (and `select_related("vote")`, `vote__isnull`) reads the vote in force.
    """

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), on_delete=models.PROTECT, related_name="votes"
    )
    nominee = models.ForeignKey(
        "awards.Nominee", verbose_name=_("nominee"), on_delete=models.CASCADE, related_name="votes"
    )
    current_for = models.OneToOneField(
        "awards.Nominee",
        verbose_name=_("vote in force for"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="vote",
    )
    in_favour = models.PositiveSmallIntegerField(_("in favour (present)"))
    against = models.PositiveSmallIntegerField(_("against (present)"))
    written_in_favour = models.PositiveSmallIntegerField(_("in favour (written)"), default=0)
    written_against = models.PositiveSmallIntegerField(_("against (written)"), default=0)
    threshold = models.DecimalField(_("threshold (%)"), max_digits=5, decimal_places=2)
    share = models.DecimalField(_("share in favour (%)"), max_digits=5, decimal_places=2)
    is_passed = models.BooleanField(_("passed"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    annulled_at = models.DateTimeField(_("annulled at"), null=True, blank=True)
    annulled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("annulled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    annul_reason = models.TextField(_("reason for annulment"), blank=True)

    class Meta:
        verbose_name = _("council vote")
        verbose_name_plural = _("council votes")
        ordering = ["session", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["nominee"],
                condition=Q(annulled_at__isnull=True),
                name="council_vote_one_in_force",
                violation_error_message=_(
                    "This nominee already has a vote in force; annul it before recording a new one."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(annulled_at__isnull=True) & Q(current_for=F("nominee")))
                | (Q(annulled_at__isnull=False) & Q(current_for__isnull=True)),
                name="council_vote_in_force_iff_not_annulled",
                violation_error_message=_("A vote is in force for its nominee exactly while it is not annulled."),
            ),
        ]
        rules_permissions = {"view": can_view_council, "add": can_manage_council, "change": can_manage_council}

    def __str__(self):
        return f"{self.nominee}: {self.share}%"

    def save(self, *args, **kwargs):
        # The vote in force follows the annulment: set for a standing vote, cleared for an annulled one.
        self.current_for_id = self.nominee_id if self.annulled_at is None else None
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "current_for"}
        super().save(*args, **kwargs)


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
    # The public register (issue 16, public): null = not in it; the folded text its search box reads.
    published_at = models.DateTimeField(_("published in the register"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")

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
