from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from directory.rules import is_administrator, is_council_member, is_officer, is_unit_officer
from portal.signed_documents import SignatureChecked
from portal.text import FoldedSearchMixin, folded_search
from portal.uploads import DocumentField

from ..enums import CommendationType, DocumentKind, EligibilityStatus, Outcome, ProposalState
from ..rules import (
    can_create_proposal,
    can_discard_proposal,
    can_edit_proposal,
    can_list_proposals,
    can_process_proposal,
    can_view_proposal,
    is_document_reader,
)

RETURN_WINDOW_WORKING_DAYS = 5
DEADLINE_MONTH, DEADLINE_DAY = 12, 10


def default_deadline(year):
    return date(year, DEADLINE_MONTH, DEADLINE_DAY)


def add_working_days(start, days):
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def working_days_between(start, end):
    """Working days after `start` up to and including `end` (negative when `end` is past)."""
    if end < start:
        return -working_days_between(end, start)
    weeks, extra = divmod((end - start).days, 7)
    count = weeks * 5  # whole weeks: five working days each, counted without walking them
    current = start + timedelta(days=weeks * 7)
    for _day in range(extra):
        current += timedelta(days=1)
        if current.weekday() < 5:
            count += 1
    return count


class ProposalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Officers see every proposal; a unit officer their unit's; council members those at council."""
        if is_officer(user):
            return self
        condition = Q(pk__in=[])
        if is_unit_officer(user) and user.unit_id:
            condition |= Q(unit_id=user.unit_id)
        if is_council_member(user):
            condition |= Q(state__in=ProposalState.seen_by_council())
        return self.filter(condition)

    def late(self, today=None):
        today = today or timezone.localdate()
        return self.filter(Q(submitted_on__gt=models.F("deadline")) | Q(submitted_on__isnull=True, deadline__lt=today))

    def search(self, query):
        return self.filter(folded_search(query))


class Proposal(FoldedSearchMixin, RulesModel):
    """A unit's award proposal (dossier): nominees, documents, and where it is in the workflow."""

    unit = models.ForeignKey(
        "directory.Unit", verbose_name=_("proposing unit"), on_delete=models.PROTECT, related_name="award_proposals"
    )
    title = models.CharField(_("title"), max_length=255)
    commendation_type = models.CharField(
        _("commendation type"), max_length=20, choices=CommendationType.choices, default=CommendationType.REGULAR
    )
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=20, choices=ProposalState.choices, default=ProposalState.DRAFT)
    deadline = models.DateField(_("deadline"))
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    returned_reasons = models.TextField(_("reasons for return"), blank=True)
    notice_until = models.DateField(_("public notice until"), null=True, blank=True)
    movement_review = models.ForeignKey(
        "movements.MovementReview",
        verbose_name=_("movement review"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_proposals",
    )
    cluster_term = models.ForeignKey(
        "clusters.Term",
        verbose_name=_("cluster term"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_proposals",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    search_text = models.TextField(editable=False, db_index=True, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("award proposal")
        verbose_name_plural = _("award proposals")
        ordering = ["-year", "-pk"]
        indexes = [
            models.Index(fields=["state", "year"], name="proposal_state_year"),
            # The list's and the queue's orders: a page is read off the index, not sorted from every row.
            models.Index(fields=["-year", "-id"], name="proposal_list_order"),
            models.Index(fields=["submitted_on", "id"], name="proposal_queue_order"),
            # Issue 13 (explain): each list filter has an index (tests/test_explain_plans.py); the search
            # box's trigram index is PostgreSQL-only (migration 0012).
            models.Index(fields=["commendation_type", "-year", "-id"], name="proposal_type_order"),
            models.Index(fields=["state", "-year", "-id"], name="proposal_state_order"),
            # "Late only" (`late()`: submitted after the deadline, or never submitted and past it) reads
            # this partial index in the list's order: its condition holds for every late proposal.
            models.Index(
                fields=["-year", "-id"],
                condition=Q(submitted_on__gt=models.F("deadline")) | Q(submitted_on__isnull=True),
                name="proposal_late_order",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1945) & Q(year__lte=2100),
                name="proposal_year_sane",
                violation_error_message=_("The proposal year must be between 1945 and 2100."),
            ),
        ]
        rules_permissions = {
            "view": can_view_proposal,
            "list": can_list_proposals,
            "add": can_create_proposal,
            "change": can_edit_proposal,
            "process": can_process_proposal,
            "delete": is_administrator,
            "discard": can_discard_proposal,
        }

    def __str__(self):
        return f"{self.title} ({self.unit})"

    def save(self, *args, **kwargs):
        if not self.deadline and self.year:
            self.deadline = default_deadline(self.year)
        super().save(*args, **kwargs)

    def search_words(self):
        return [self.title, self.unit.name if self.unit_id else ""]

    @property
    def is_late(self):
        if self.submitted_on:
            return self.submitted_on > self.deadline
        return self.state == ProposalState.DRAFT and timezone.localdate() > self.deadline

    @property
    def return_by(self):
        """The last day the office may return an incomplete dossier (5 working days after submission)."""
        if self.submitted_on is None:
            return None
        return add_working_days(self.submitted_on, RETURN_WINDOW_WORKING_DAYS)

    @property
    def return_days_left(self):
        if self.return_by is None or self.state not in ProposalState.with_office():
            return None
        return working_days_between(timezone.localdate(), self.return_by)


class NomineeQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(proposal__in=Proposal.objects.visible_to(user))


class Nominee(FoldedSearchMixin, RulesModel):
    """A person or a unit proposed for one award, with the eligibility check and the outcome."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="nominees"
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_nominations",
    )
    unit = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_nominations",
    )
    is_household = models.BooleanField(_("household"), default=False)
    award = models.ForeignKey(
        "awards.Award", verbose_name=_("award"), on_delete=models.PROTECT, related_name="nominees"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    achievement = models.TextField(_("achievement summary"), blank=True)
    service_since_year = models.PositiveSmallIntegerField(
        _("in service since (year)"),
        null=True,
        blank=True,
        help_text=_("For contribution and length-of-service awards: the year the nominee's service began."),
    )
    initiative = models.ForeignKey(
        "awards.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominees",
    )
    eligibility_status = models.CharField(
        _("eligibility"), max_length=20, choices=EligibilityStatus.choices, default=EligibilityStatus.UNCHECKED
    )
    eligibility_explanation = models.TextField(_("eligibility check"), blank=True)
    override_reason = models.TextField(_("reason for overriding the check"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overridden by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_reason = models.TextField(_("reason"), blank=True)
    search_text = models.TextField(editable=False, default="")

    objects = NomineeQuerySet.as_manager()

    class Meta:
        verbose_name = _("nominee")
        verbose_name_plural = _("nominees")
        ordering = ["proposal", "pk"]
        # Issue 13 (explain): the proposal list's award filter (`pk IN (nominees of the award)`) read
        # from the index alone.
        indexes = [models.Index(fields=["award", "proposal"], name="nominee_award_proposal")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(unit__isnull=True))
                | (Q(person__isnull=True) & Q(unit__isnull=False)),
                name="nominee_person_or_unit",
                violation_error_message=_("A nominee is either a person or a unit, never both and never neither."),
            ),
            models.CheckConstraint(
                condition=Q(service_since_year__isnull=True)
                | (Q(service_since_year__gte=1945) & Q(service_since_year__lte=models.F("year"))),
                name="nominee_service_since_plausible",
                violation_error_message=_("The year service began must be between 1945 and the proposal year."),
            ),
            models.UniqueConstraint(
                fields=["person", "award", "year"],
                condition=Q(person__isnull=False) & ~Q(outcome=Outcome.REJECTED),
                name="nominee_person_once",
                violation_error_message=_("This person is already nominated for this award in this year."),
            ),
            models.UniqueConstraint(
                fields=["unit", "award", "year"],
                condition=Q(unit__isnull=False) & ~Q(outcome=Outcome.REJECTED),
                name="nominee_unit_once",
                violation_error_message=_("This unit is already nominated for this award in this year."),
            ),
        ]
        rules_permissions = {"view": can_view_proposal, "change": can_edit_proposal}

    def __str__(self):
        return f"{self.recipient_name} – {self.award}"

    @property
    def recipient_name(self):
        return self.person.full_name if self.person_id else self.unit.name

    @property
    def may_be_approved(self):
        return self.eligibility_status == EligibilityStatus.PASSED or bool(self.override_reason)

    def search_words(self):
        return [self.recipient_name]


def document_path(instance, filename):
    # The stored name is ours: the uploader's file name is kept in `original_name` only.
    return f"awards/proposals/{instance.proposal_id}/{timezone.now():%Y%m%d%H%M%S%f}.{instance.extension}"


class ProposalDocument(SignatureChecked, RulesModel):
    """A dossier document, checked by content and size, served only to those who may see the proposal."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    file = DocumentField(_("file"), upload_to=document_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    extension = models.CharField(_("extension"), max_length=10)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ["proposal", "kind", "pk"]
        rules_permissions = {"view": is_document_reader, "delete": is_administrator}

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"
