"""Public notices, the public's comments and the register of decisions (issue 16, public).

A dossier under public notice (`workflow.publish_notice` set `Proposal.notice_until`) gets a public
list when an officer publishes it here: one `NoticeEntry` per nominee the council passed (or that
needs no vote), holding only a name, a unit, an award and the dossier's summary of achievements.
The public comments on an entry until the end date (Vietnam time); the office publishes or rejects
each comment and answers it. Every row is audited with the proposal as parent, so comments and
answers are in the dossier's history. A decision is put in the public register by an officer
(`Decision.published_at`) and taken out again with a reason.
"""

import re

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.models import provincial_officers
from portal.audit import because
from portal.notifications import NotificationKind, notify
from portal.text import fold
from portal.workflow import Transitions

from ..enums import CommentState, Outcome, ProposalState, VoteRule
from ..models import Decision, NoticeComment, NoticeEntry, Proposal, PublicNotice
from ..models.public import ANSWER_MAX, AUTHOR_MAX, BODY_MAX, SUMMARY_MAX
from . import AwardsError

MAX_LINKS = 1
LINK = re.compile(r"(https?://|www\.)", re.IGNORECASE)
PHONE = re.compile(r"^(\+84|0)\d{8,10}$")
PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
BODY_MIN = 10

COMMENTS = Transitions(
    {
        CommentState.PENDING: {CommentState.PUBLISHED, CommentState.REJECTED},
        CommentState.PUBLISHED: {CommentState.REJECTED},
        CommentState.REJECTED: {CommentState.PUBLISHED},
    },
    refusals={
        CommentState.PUBLISHED: gettext_lazy("This comment is already published."),
        CommentState.REJECTED: gettext_lazy("This comment is already rejected."),
        CommentState.PENDING: gettext_lazy("A moderated comment cannot go back to waiting."),
    },
    error=AwardsError,
)

NEW_COMMENT_SUBJECT = gettext_lazy("A public comment on the notice: {title}")
NEW_COMMENT_BODY = gettext_lazy(
    "{name} commented on {entry} in the public notice \u201c{title}\u201d. Please moderate and answer it on the portal."
)
CLOSED = gettext_lazy("The public notice has ended: comments are no longer accepted.")


def _reason_required(reason):
    reason = (reason or "").strip()
    if not reason:
        raise AwardsError(_("Give the reason for the correction."))
    return reason


# ---------------------------------------------------------------------------
# Publishing a notice list
# ---------------------------------------------------------------------------
def publishable_nominees(proposal):
    """The nominees a notice lists: not rejected, and passed by the council or needing no vote. Reads only."""
    nominees = proposal.nominees.exclude(outcome=Outcome.REJECTED).select_related(
        "award", "person__unit", "unit__parent", "vote"
    )
    return [
        nominee
        for nominee in nominees
        if nominee.award.vote_rule == VoteRule.NONE or (hasattr(nominee, "vote") and nominee.vote.is_passed)
    ]


def _entry_unit(nominee):
    if nominee.person_id:
        return nominee.person.unit.name if nominee.person.unit_id else ""
    return nominee.unit.parent.name if getattr(nominee.unit, "parent_id", None) else ""


def publish_notice_list(*, proposal, by, title="", today=None):
    """Publish the dossier's list on the public site until its `notice_until`.

    Side effects: one PublicNotice and one NoticeEntry per publishable nominee (name, unit, award,
    summary copied from the dossier), all audited with the proposal as parent; in one transaction.
    Raises AwardsError when the dossier is not under public notice, its end date is past, the list is
    already published, or no nominee can be listed.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.state != ProposalState.PUBLIC_NOTICE or proposal.notice_until is None:
            raise AwardsError(_("Only a proposal under public notice can have its list published."))
        if proposal.notice_until < today:
            raise AwardsError(_("The public notice of this dossier has already ended."))
        if PublicNotice.objects.filter(proposal=proposal).exists():
            raise AwardsError(_("The list of this dossier is already published."))
        nominees = publishable_nominees(proposal)
        if not nominees:
            raise AwardsError(_("No nominee of this dossier can be listed: none passed the council."))
        notice = PublicNotice.objects.create(
            proposal=proposal, title=(title or proposal.title).strip()[:255], published_by=by
        )
        for order, nominee in enumerate(nominees, start=1):
            NoticeEntry.objects.create(
                notice=notice,
                proposal=proposal,
                nominee=nominee,
                order=order,
                name=nominee.recipient_name[:255],
                unit_name=_entry_unit(nominee)[:255],
                award_name=nominee.award.name[:255],
                summary=(nominee.achievement or "")[:SUMMARY_MAX],
            )
        return notice


ENTRY_FIELDS = ("name", "unit_name", "award_name", "summary", "is_published")


def correct_entry(*, entry, changes, reason, by):
    """Correct what the public reads of one nominee (or hide it), with a reason.

    Side effects: updates the NoticeEntry inside `because(reason)` (the dossier's history shows it).
    Raises AwardsError without a reason, with an empty name or award, or with a field it does not know.
    """
    reason = _reason_required(reason)
    unknown = set(changes) - set(ENTRY_FIELDS)
    if unknown:
        raise AwardsError(_("These fields cannot be corrected here."))
    values = {name: (value.strip() if isinstance(value, str) else value) for name, value in changes.items()}
    if not values.get("name", entry.name) or not values.get("award_name", entry.award_name):
        raise AwardsError(_("The name and the award cannot be empty."))
    if len(values.get("summary", "") or "") > SUMMARY_MAX:
        raise AwardsError(_("The summary is too long."))
    with transaction.atomic(), because(reason):
        for name, value in values.items():
            setattr(entry, name, value)
        entry.save()
    return entry


# ---------------------------------------------------------------------------
# Comments from the public
# ---------------------------------------------------------------------------
def sender_hash(address):
    """A keyed hash of the sender's network address (the address itself is never stored). Reads only."""
    return salted_hmac("awards.public.comment-sender", address or "", algorithm="sha256").hexdigest()


def normalised_phone(phone):
    """The phone number without separators, or raise AwardsError when it is not a Vietnamese number."""
    phone = PHONE_SEPARATORS.sub("", phone or "")
    if phone and not PHONE.match(phone):
        raise AwardsError(_("Enter a phone number of 10 digits starting with 0 (or +84), e.g. 0912 345 678."))
    return phone


def check_comment(*, author_name, phone, email, body):
    """The comment's cleaned fields, or AwardsError with every problem found (whole sentences). Reads only."""
    problems = []
    author_name = " ".join((author_name or "").split())
    body = (body or "").strip()
    email = (email or "").strip()
    if not author_name:
        problems.append(_("Enter your name."))
    elif len(author_name) > AUTHOR_MAX:
        problems.append(_("Your name may have at most {count} characters.").format(count=AUTHOR_MAX))
    contact_given = bool((phone or "").strip() or email)
    try:
        phone = normalised_phone(phone)
    except AwardsError as error:
        problems.append(error.message)
    if email and (len(email) > 254 or not EMAIL.match(email)):
        problems.append(_("Enter a valid e-mail address, e.g. ten@example.vn."))
    if not contact_given:
        problems.append(_("Give a phone number or an e-mail address, so that the office can reach you."))
    if len(body) < BODY_MIN:
        problems.append(_("Write your comment (at least {count} characters).").format(count=BODY_MIN))
    elif len(body) > BODY_MAX:
        problems.append(_("Your comment may have at most {count} characters.").format(count=BODY_MAX))
    if len(LINK.findall(body)) > MAX_LINKS:
        problems.append(_("A comment may contain at most one link."))
    if problems:
        raise AwardsError(" ".join(str(problem) for problem in problems))
    return {"author_name": author_name, "phone": phone, "email": email, "body": body}


def receive_comment(*, entry, author_name, phone, email, body, sender_address, today=None):
    """Take a comment from the public on one entry of an open notice; it waits for moderation.

    Side effects: one NoticeComment (pending; the sender's address kept only as a keyed hash),
    audited with the proposal as parent; after commit, the provincial officers are told
    (NotificationKind.PUBLIC_COMMENT). Raises AwardsError when the notice has ended, the entry is not
    shown publicly, or a field is wrong: nothing is written then.
    """
    fields = check_comment(author_name=author_name, phone=phone, email=email, body=body)
    with transaction.atomic():
        entry = NoticeEntry.objects.select_related("notice__proposal").get(pk=entry.pk)
        if not entry.notice.is_open(today) or not entry.is_published:
            raise AwardsError(CLOSED)
        comment = NoticeComment.objects.create(
            entry=entry, proposal_id=entry.proposal_id, sender_hash=sender_hash(sender_address), **fields
        )
        notice = entry.notice
        link = reverse("awards:notice_comment", args=[comment.pk])
        transaction.on_commit(
            lambda: notify(
                kind=NotificationKind.PUBLIC_COMMENT,
                users=provincial_officers(),
                subject=format_lazy(NEW_COMMENT_SUBJECT, title=notice.title),
                body=format_lazy(NEW_COMMENT_BODY, name=comment.author_name, entry=entry.name, title=notice.title),
                link=link,
            )
        )
    return comment


def _moderate(comment, state, *, by, reason):
    with transaction.atomic(), because(reason):
        comment = NoticeComment.objects.select_for_update().get(pk=comment.pk)
        COMMENTS.check(comment.state, state)
        if comment.state == CommentState.REJECTED:
            _reason_required(reason)  # publishing a rejected comment after all says why
        comment.state = state
        comment.moderated_by = by
        comment.moderated_at = timezone.now()
        comment.moderation_reason = reason
        comment.save()
        return comment


def publish_comment(*, comment, by, reason=""):
    """Show the comment (and its answer, if any) on the public page.

    Side effects: the comment's state, who and when (audited). A rejected comment is published again
    only with a reason. Raises AwardsError for a refused move.
    """
    return _moderate(comment, CommentState.PUBLISHED, by=by, reason=(reason or "").strip())


def reject_comment(*, comment, by, reason):
    """Keep the comment off the public page, with the reason (the dossier's history shows it).

    Side effects: the comment's state, who, when and why (audited). Raises AwardsError without a
    reason or for a refused move.
    """
    reason = (reason or "").strip()
    if not reason:
        raise AwardsError(_("Give the reason for rejecting the comment."))
    return _moderate(comment, CommentState.REJECTED, by=by, reason=reason)


def answer_comment(*, comment, answer, by, reason=""):
    """Write (or correct, with a reason) the office's answer to a comment.

    Side effects: the answer, who and when (audited, inside `because(reason)` for a correction).
    Raises AwardsError for an empty or too long answer, or a correction without a reason.
    """
    answer = (answer or "").strip()
    if not answer:
        raise AwardsError(_("Write the answer."))
    if len(answer) > ANSWER_MAX:
        raise AwardsError(_("The answer may have at most {count} characters.").format(count=ANSWER_MAX))
    reason = (reason or "").strip()
    with transaction.atomic(), because(reason):
        comment = NoticeComment.objects.select_for_update().get(pk=comment.pk)
        if comment.answer and comment.answer != answer:
            _reason_required(reason)
        comment.answer = answer
        comment.answered_by = by
        comment.answered_at = timezone.now()
        comment.save()
        return comment


# ---------------------------------------------------------------------------
# The register of decisions
# ---------------------------------------------------------------------------
def register_text(decision):
    """The folded words the register's search box reads: number, subject, unit, signer, awardees. Reads only."""
    records = decision.records.select_related("award", "unit")
    words = [
        "quyết định",
        decision.number,
        decision.signer,
        decision.proposal.title,
        decision.proposal.unit.name,
        str(decision.signed_on.year),
    ]
    for record in records:
        words += [record.recipient_name, record.unit.name if record.unit_id else "", record.award.name]
    return fold(" ".join(word for word in words if word))


def publish_decision(*, decision, by):
    """Put the decision in the public register (its annex and PDF become public).

    Side effects: `published_at` and the register's search text on the Decision (audited).
    Raises AwardsError when it is already in the register.
    """
    with transaction.atomic():
        decision = Decision.objects.select_for_update().select_related("proposal__unit").get(pk=decision.pk)
        if decision.published_at is not None:
            raise AwardsError(_("This decision is already in the public register."))
        decision.published_at = timezone.now()
        decision.search_text = register_text(decision)
        decision.save(update_fields=["published_at", "search_text"])
        return decision


def unpublish_decision(*, decision, by, reason):
    """Take the decision out of the public register, with a reason (its public page answers 404).

    Side effects: `published_at` cleared (audited with the reason). Raises AwardsError without a
    reason or when it is not in the register.
    """
    reason = (reason or "").strip()
    if not reason:
        raise AwardsError(_("Give the reason for taking the decision out of the register."))
    with transaction.atomic(), because(reason):
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        if decision.published_at is None:
            raise AwardsError(_("This decision is not in the public register."))
        decision.published_at = None
        decision.save(update_fields=["published_at"])
        return decision
