from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from directory.rules import is_officer, is_signed_in
from portal.signed_documents import SignatureChecked
from portal.text import FoldedSearchMixin, folded_search
from portal.uploads import DocumentField

from ..enums import ClusterKind, DeciderSide, Decision, OrganisingLevel, PhaseKind, TieBreak
from ..rules import (
    can_decide_vote,
    can_queue_term,
    can_view_cluster,
    can_view_ranking,
    can_view_term,
    is_term_lead,
    is_term_member,
)
from ..words import words_for


def _unit_terms(user):
    """Terms the user's unit leads or belongs to (unit officers only)."""
    if not (is_signed_in(user) and user.is_unit_officer and user.unit_id):
        return None
    return Q(lead_unit_id=user.unit_id) | Q(memberships__unit_id=user.unit_id)


class ClusterQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Officers see every cluster; a unit officer those its unit leads or belongs to in some year."""
        if is_officer(user):
            return self
        condition = _unit_terms(user)
        if condition is None:
            return self.none()
        return self.filter(pk__in=Term.objects.filter(condition).values("cluster_id"))

    def search(self, query):
        return self.filter(folded_search(query))


class Cluster(FoldedSearchMixin, RulesModel):
    """A cluster (localities) or bloc (agencies) whose members compete with each other."""

    kind = models.CharField(_("kind"), max_length=20, choices=ClusterKind.choices)
    name = models.CharField(_("name"), max_length=255)
    organising_level = models.CharField(
        _("organising level"), max_length=20, choices=OrganisingLevel.choices, default=OrganisingLevel.PROVINCIAL
    )
    organising_body = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("organising body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_clusters",
    )
    search_text = models.TextField(editable=False, db_index=True, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ClusterQuerySet.as_manager()

    class Meta:
        verbose_name = _("cluster or bloc")
        verbose_name_plural = _("clusters and blocs")
        ordering = ["search_text", "pk"]
        rules_permissions = {
            "list": is_signed_in,
            "view": can_view_cluster,
            "add": is_officer,
            "change": is_officer,
            "delete": is_officer,
        }

    def __str__(self):
        return self.name

    def search_words(self):
        return [self.name]

    @property
    def words(self):
        """The Vietnamese words of this kind (Cụm trưởng or Khối trưởng, toàn Cụm or toàn Khối, ...)."""
        return words_for(self.kind)


class ClusterMemberQuerySet(models.QuerySet):
    def valid_in(self, year):
        """Memberships that cover `year` (started by then, not ended before)."""
        return self.filter(from_year__lte=year).filter(Q(to_year__isnull=True) | Q(to_year__gte=year))


class ClusterMember(models.Model):
    """A unit that belongs to a cluster or bloc from one year, until an optional last year.

    A new term proposes the members valid in its year; the term's own list (`TermMember`) decides.
    """

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster or bloc"), on_delete=models.CASCADE, related_name="member_units"
    )
    unit = models.ForeignKey(
        "directory.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="cluster_member_units"
    )
    from_year = models.PositiveSmallIntegerField(_("member from year"))
    to_year = models.PositiveSmallIntegerField(_("member until year"), null=True, blank=True)

    objects = ClusterMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member unit of a cluster")
        verbose_name_plural = _("member units of a cluster")
        ordering = ["cluster", "unit__search_text", "from_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "unit", "from_year"],
                name="cluster_member_once_per_start",
                violation_error_message=_(
                    "This unit already has a membership of this cluster or bloc starting in this year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(to_year__isnull=True) | Q(to_year__gte=models.F("from_year")),
                name="cluster_member_ends_after_start",
                violation_error_message=_("A membership cannot end before the year it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.unit} ({self.cluster})"


class TermQuerySet(models.QuerySet):
    def visible_to(self, user):
        if is_officer(user):
            return self
        condition = _unit_terms(user)
        if condition is None:
            return self.none()
        return self.filter(pk__in=Term.objects.filter(condition).values("pk"))


class Term(SignatureChecked, RulesModel):
    """One year of a cluster: its members, lead and deputy for that year, its compact and outcome."""

    VOTE_ROUNDS = 2

    cluster = models.ForeignKey(Cluster, verbose_name=_("cluster"), on_delete=models.CASCADE, related_name="terms")
    year = models.PositiveSmallIntegerField(_("year"))
    lead_unit = models.ForeignKey(
        "directory.Unit", verbose_name=_("cluster lead unit"), on_delete=models.PROTECT, related_name="led_terms"
    )
    deputy_unit = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("deputy unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deputy_terms",
    )
    members = models.ManyToManyField(
        "directory.Unit", through="TermMember", verbose_name=_("members"), related_name="cluster_terms"
    )
    compact_signed_on = models.DateField(_("compact signed on"), null=True, blank=True)
    compact_document = DocumentField(_("compact document"), upload_to="clusters/compacts/", blank=True)
    signature_file_field = "compact_document"  # its signature state: portal.signed_documents
    tie_break = models.CharField(
        _("tie-break"), max_length=20, choices=TieBreak.choices, default=TieBreak.FIRST_GROUP_THEN_DEDUCTIONS
    )
    vote_candidates = models.PositiveSmallIntegerField(
        _("candidates in the vote"), default=3, help_text=_("How many of the top-ranked members may be voted for.")
    )
    certificate_count = models.PositiveSmallIntegerField(
        _("certificates of merit proposed"), default=3, help_text=_("How many members after the leading unit.")
    )
    scoring_reopened = models.BooleanField(
        _("scoring reopened"), default=False, help_text=_("Criteria may be changed although scoring has started.")
    )
    vote_round = models.PositiveSmallIntegerField(_("vote round"), default=1)
    quorum = models.PositiveSmallIntegerField(
        _("ballots needed to count a round"),
        null=True,
        blank=True,
        help_text=_("Leave empty to require every member's ballot."),
    )
    leading_unit = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("leading unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leading_terms",
    )
    decision = models.CharField(_("decided by"), max_length=20, choices=Decision.choices, blank=True)
    results_locked_at = models.DateTimeField(_("results locked at"), null=True, blank=True)
    next_lead_unit = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("next year's lead"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    next_deputy_unit = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("next year's deputy"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["-year", "cluster__search_text"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year"],
                name="term_one_per_cluster_year",
                violation_error_message=_("This cluster or bloc already has a term for this year."),
            ),
            models.CheckConstraint(
                condition=~Q(lead_unit=models.F("deputy_unit")),
                name="term_lead_is_not_deputy",
                violation_error_message=_("The lead and the deputy must be two different units."),
            ),
            models.CheckConstraint(
                condition=Q(vote_round__gte=1, vote_round__lte=3),
                name="term_vote_round_range",
                violation_error_message=_("The vote round must be between 1 and 3."),
            ),
            models.CheckConstraint(
                condition=Q(results_locked_at__isnull=True) | Q(leading_unit__isnull=False),
                name="term_locked_has_leading_unit",
                violation_error_message=_("The results cannot be locked before the leading unit is known."),
            ),
        ]
        rules_permissions = {
            "view": can_view_term,
            "add": is_officer,
            "change": is_officer,
            "delete": is_officer,
            "review": is_term_lead,
            "queue": can_queue_term,
            "rank": can_view_ranking,
            "vote": is_term_member,
            "run_vote": is_term_lead,
            "decide": can_decide_vote,
            "exclude": is_officer,
            "reopen": is_officer,
        }

    def __str__(self):
        return f"{self.cluster} {self.year}"

    @property
    def is_locked(self):
        return self.results_locked_at is not None

    @property
    def active_phase(self):
        """The current phase (uses prefetched phases when the view prefetched them)."""
        return next((phase for phase in self.phases.all() if phase.is_active), None)

    @property
    def active_phase_kind(self):
        phase = self.active_phase
        return phase.kind if phase else ""

    def scoring_started(self):
        """Scoring has started once the self-assessment phase was reached or any score was written."""
        started = (PhaseKind.SELF_ASSESSMENT, PhaseKind.REVIEW, PhaseKind.VOTE, PhaseKind.RESULTS)
        reached = self.phases.filter(kind__in=started, is_active=True).exists()
        return reached or self.sheets.filter(scores__isnull=False).exists()

    def criteria_locked_reason(self):
        """Why the criteria may not change now (a sentence), or None while they may.

        Model validation (`Criterion.clean`) and the domain (`criteria.ensure_criteria_editable`)
        both ask the term, so the model does not depend on the domain.
        """
        if self.is_locked:
            return _("The results of this term are locked: its criteria cannot change.")
        if not self.scoring_reopened and self.scoring_started():
            return _("Scoring has started: the criteria can only change after the cluster lead reopens scoring.")
        return None


class TermMember(models.Model):
    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(
        "directory.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="term_memberships"
    )
    excluded_reason = models.TextField(
        _("reason for excluding from the ranking"),
        blank=True,
        help_text=_("An officer excludes a member whose sheet cannot be accepted, so the results can be locked."),
    )
    excluded_by = models.ForeignKey(
        "directory.User",
        verbose_name=_("excluded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    excluded_at = models.DateTimeField(_("excluded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("term member")
        verbose_name_plural = _("term members")
        constraints = [
            models.UniqueConstraint(
                fields=["term", "unit"],
                name="term_member_once",
                violation_error_message=_("This unit is already a member of this term."),
            )
        ]

    def __str__(self):
        return f"{self.unit} ({self.term})"

    @property
    def is_excluded(self):
        return bool(self.excluded_reason)


class VoteRound(models.Model):
    """One round of the leading-unit vote: when it opened, who counted it and what it gave.

    Created when the vote phase is entered (round 1) or a round ends undecided (round 2); the
    tally of a counted round stays here (and in its ballots) for good.
    """

    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.CASCADE, related_name="vote_rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("counted at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        "directory.User",
        verbose_name=_("counted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ballot_count = models.PositiveSmallIntegerField(_("ballots cast"), null=True, blank=True)
    member_count = models.PositiveSmallIntegerField(_("members entitled to vote"), null=True, blank=True)
    early_close_reason = models.TextField(_("reason for counting before every ballot"), blank=True)
    elected_unit = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("unit elected"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("vote round")
        verbose_name_plural = _("vote rounds")
        ordering = ["term", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "number"],
                name="vote_round_once_per_term",
                violation_error_message=_("This term already has this vote round."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=2),
                name="vote_round_number_range",
                violation_error_message=_("A vote round is round 1 or round 2."),
            ),
        ]

    def __str__(self):
        return f"{self.term} – {self.number}"

    @property
    def is_closed(self):
        return self.closed_at is not None


class DeciderChoice(models.Model):
    """After two undecided rounds: the lead's or the deputy's confirmed choice of the leading unit.

    The leading unit is set when the lead's and the deputy's choices name the same unit. A unit never
    confirms a choice of itself: the provincial office confirms in its place (`confirmed_by` is then
    an officer of the office).
    """

    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.CASCADE, related_name="decider_choices")
    side = models.CharField(_("confirmed for"), max_length=10, choices=DeciderSide.choices)
    unit = models.ForeignKey(
        "directory.Unit", verbose_name=_("unit chosen"), on_delete=models.PROTECT, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        "directory.User", verbose_name=_("confirmed by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now=True)

    class Meta:
        verbose_name = _("choice of the lead or deputy")
        verbose_name_plural = _("choices of the lead and deputy")
        ordering = ["term", "side"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "side"],
                name="decider_choice_once_per_side",
                violation_error_message=_("This side has already made its choice for this term."),
            )
        ]

    def __str__(self):
        return f"{self.term} – {self.get_side_display()}: {self.unit}"


class NominationKind(models.TextChoices):
    FLAG = "flag", _("Emulation flag (leading unit)")
    CERTIFICATE = "certificate", _("Certificate of merit")


class Nomination(models.Model):
    """A term's outcome: the leading unit proposed for the flag, and those proposed for certificates.

    Written when a term's results are locked; the awards app turns nominations into proposals.
    """

    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.CASCADE, related_name="nominations")
    unit = models.ForeignKey(
        "directory.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="cluster_nominations"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NominationKind.choices)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["term", "kind", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "unit", "kind"],
                name="nomination_once_per_kind",
                violation_error_message=_("This unit is already nominated this way for this term."),
            )
        ]

    def __str__(self):
        return f"{self.unit} – {self.get_kind_display()} ({self.term})"
