"""What the public sees (issue 16, public): a dossier's notice list with one entry per nominee
(copied from the dossier when an officer publishes it, corrected with a reason), the public's
comments on an entry with the officer's answer, and (on `Decision.published_at`) the register.

Nothing private is copied: an entry holds a name, a unit, an award and a summary; a comment keeps
its sender's contact for the office only and a keyed hash of the sender's address, never the address.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from portal.text import FoldedSearchMixin, folded_search

from ..enums import CommentState, ProposalState
from ..rules import can_moderate_comments, can_publish_notice

# A notice closed fewer days ago than this is still listed publicly (with its comments and answers).
RECENTLY_CLOSED_DAYS = 30
AUTHOR_MAX = 120
BODY_MAX = 2000
ANSWER_MAX = 4000
SUMMARY_MAX = 4000


class PublicNoticeQuerySet(models.QuerySet):
    def listed(self, today=None):
        """The notices the public list shows: open, or closed within RECENTLY_CLOSED_DAYS."""
        today = today or timezone.localdate()
        since = today - timedelta(days=RECENTLY_CLOSED_DAYS)
        return self.filter(proposal__notice_until__gte=since)

    def visible_to(self, user):
        return self if can_publish_notice(user) else self.none()


class PublicNotice(RulesModel):
    """A dossier's list published for public comment until the dossier's `notice_until`."""

    proposal = models.OneToOneField(
        "awards.Proposal", verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="public_notice"
    )
    title = models.CharField(_("public title"), max_length=255)
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = PublicNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        ordering = ["-published_at", "-pk"]
        rules_permissions = {"view": can_publish_notice, "add": can_publish_notice, "change": can_publish_notice}

    def __str__(self):
        return self.title

    @property
    def until(self):
        return self.proposal.notice_until

    def is_open(self, today=None):
        """Comments are taken while the dossier is under notice, up to and including its end date (Vietnam)."""
        today = today or timezone.localdate()
        return (
            self.proposal.state == ProposalState.PUBLIC_NOTICE
            and self.proposal.notice_until is not None
            and today <= self.proposal.notice_until
        )


class NoticeEntry(RulesModel):
    """One nominee as the public sees it: name, unit, award and summary, nothing else."""

    notice = models.ForeignKey(
        PublicNotice, verbose_name=_("public notice"), on_delete=models.CASCADE, related_name="entries"
    )
    proposal = models.ForeignKey(
        "awards.Proposal", verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="notice_entries"
    )
    nominee = models.ForeignKey(
        "awards.Nominee",
        verbose_name=_("nominee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notice_entries",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=255)
    unit_name = models.CharField(_("unit"), max_length=255, blank=True)
    award_name = models.CharField(_("award"), max_length=255)
    summary = models.TextField(_("summary of achievements"), max_length=SUMMARY_MAX, blank=True)
    is_published = models.BooleanField(_("shown publicly"), default=True)

    class Meta:
        verbose_name = _("notice entry")
        verbose_name_plural = _("notice entries")
        ordering = ["notice", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "nominee"],
                condition=Q(nominee__isnull=False),
                name="notice_entry_nominee_once",
                violation_error_message=_("This nominee is already on the notice list."),
            ),
        ]
        rules_permissions = {"view": can_publish_notice, "change": can_publish_notice}

    def __str__(self):
        return f"{self.name} – {self.award_name}"


class NoticeCommentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if can_moderate_comments(user) else self.none()

    def search(self, query):
        return self.filter(folded_search(query))


class NoticeComment(FoldedSearchMixin, RulesModel):
    """A comment from the public on one notice entry, moderated and answered by the office."""

    entry = models.ForeignKey(
        NoticeEntry, verbose_name=_("nominee on the notice"), on_delete=models.PROTECT, related_name="comments"
    )
    # The dossier (the entry's), so the comment and its answer are in the dossier's history.
    proposal = models.ForeignKey(
        "awards.Proposal", verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="notice_comments"
    )
    author_name = models.CharField(_("your name"), max_length=AUTHOR_MAX)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    body = models.TextField(_("comment"), max_length=BODY_MAX)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    sender_hash = models.CharField(_("sender's address (keyed hash)"), max_length=64, editable=False)
    state = models.CharField(_("state"), max_length=20, choices=CommentState.choices, default=CommentState.PENDING)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderation_reason = models.TextField(_("reason"), blank=True)
    answer = models.TextField(_("answer of the office"), max_length=ANSWER_MAX, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")

    objects = NoticeCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("public comment")
        verbose_name_plural = _("public comments")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["state", "-received_at"], name="notice_comment_state")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email=""),
                name="notice_comment_has_contact",
                violation_error_message=_("Give a phone number or an e-mail address."),
            ),
        ]
        rules_permissions = {
            "view": can_moderate_comments,
            "list": can_moderate_comments,
            "moderate": can_moderate_comments,
        }

    def __str__(self):
        return str(_("Comment of {name} on {entry}").format(name=self.author_name, entry=self.entry))

    def save(self, *args, **kwargs):
        if self.entry_id and not self.proposal_id:
            self.proposal_id = self.entry.proposal_id
        super().save(*args, **kwargs)

    def search_words(self):
        return [self.author_name, self.body, self.entry.name if self.entry_id else ""]
