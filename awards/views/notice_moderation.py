"""The office's pages for public notices (issue 16, public): publishing a dossier's list, correcting
an entry, the queue of the public's comments (answer, publish, reject), and putting a decision in the
public register. Provincial officers only (`awards.process_proposal` and the notice models' rules)."""

import django_filters
from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.actions import attempt
from portal.audit import history_visible_to
from portal.lists import FilteredListView
from portal.mixins import PermissionMixin
from portal.permissions import object_view

from ..domain import public
from ..enums import CommentState
from ..models import Decision, NoticeComment, NoticeEntry, Proposal, PublicNotice
from ..models.public import ANSWER_MAX, SUMMARY_MAX
from .common import PROPOSALS, to_proposal

CONFIRM = "portal/confirm.html"


def history_children(proposal):
    """The notice's rows whose changes belong in the dossier's history (its detail page adds them)."""
    return [
        PublicNotice.objects.filter(proposal=proposal),
        NoticeEntry.objects.filter(proposal=proposal),
        NoticeComment.objects.filter(proposal=proposal),
    ]


@object_view(PROPOSALS, "awards.process_proposal")
def notice_publish(request, proposal):
    """Preview the list the public will read, then publish it (POST)."""
    back = reverse("awards:proposal_detail", args=[proposal.pk])
    if request.method == "POST":
        done = attempt(
            request,
            lambda: public.publish_notice_list(proposal=proposal, by=request.user),
            success=_("The list was published on the public site."),
        )
        if done:
            return to_proposal(proposal)
    entries = public.publishable_nominees(proposal)
    return render(
        request,
        "awards/notices/publish.html",
        {"proposal": proposal, "nominees": entries, "back": back},
        status=400 if request.method == "POST" else 200,
    )


class EntryForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=255)
    unit_name = forms.CharField(label=gettext_lazy("Unit"), max_length=255, required=False)
    award_name = forms.CharField(label=gettext_lazy("Award"), max_length=255)
    summary = forms.CharField(
        label=gettext_lazy("Summary of achievements"),
        max_length=SUMMARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    is_published = forms.BooleanField(label=gettext_lazy("Shown publicly"), required=False)
    reason = forms.CharField(label=gettext_lazy("Reason for the correction"), max_length=500)


ENTRIES = NoticeEntry.objects.select_related("notice", "proposal")


@object_view(ENTRIES, "awards.change_noticeentry")
def notice_entry_edit(request, entry):
    """Correct what the public reads of one nominee, or hide it, with a reason (history)."""
    initial = {name: getattr(entry, name) for name in public.ENTRY_FIELDS}
    form = EntryForm(request.POST or None, initial=initial)
    back = reverse("awards:proposal_detail", args=[entry.proposal_id])
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        done = attempt(
            request,
            lambda: public.correct_entry(entry=entry, changes=data, reason=reason, by=request.user),
            success=_("The entry was corrected."),
        )
        if done:
            return HttpResponseRedirect(back)
    context = {
        "form": form,
        "back": back,
        "subject": entry.notice.title,
        "title": _("Correct the published entry"),
        "question": _("What the public reads of this nominee on the notice:"),
        "submit": _("Save the correction"),
        "safe": True,
    }
    return render(request, CONFIRM, context, status=400 if request.method == "POST" else 200)


class CommentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=gettext_lazy("Search"), method="filter_q")
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("State"), choices=CommentState.choices, empty_label=gettext_lazy("All states")
    )
    proposal = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Dossier"),
        queryset=Proposal.objects.filter(public_notice__isnull=False).select_related("unit").order_by("-year", "-pk"),
        empty_label=gettext_lazy("All dossiers"),
    )

    class Meta:
        model = NoticeComment
        fields = ["q", "state", "proposal"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)


class CommentQueueView(PermissionMixin, FilteredListView):
    """The public's comments, newest first: what waits for moderation and what was answered."""

    permission_required = "awards.list_noticecomment"
    filterset_class = CommentFilterSet
    template_name = "awards/notices/comment_list.html"

    def get_queryset(self):
        return (
            NoticeComment.objects.visible_to(self.request.user)
            .select_related("entry", "proposal")
            .order_by("-received_at", "-pk")
        )


class ModerationForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Answer of the office"),
        max_length=ANSWER_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (required to reject or to change a given answer)"), max_length=500, required=False
    )


COMMENTS = NoticeComment.objects.select_related("entry__notice", "proposal__unit", "moderated_by", "answered_by")
MODERATION = {
    "publish": gettext_lazy("The comment is published."),
    "reject": gettext_lazy("The comment was rejected."),
    "answer": gettext_lazy("The answer was saved."),
    "answer_publish": gettext_lazy("The answer was saved and the comment published."),
}


def _moderate(request, comment, action, answer, reason):
    if action in ("answer", "answer_publish"):
        comment = public.answer_comment(comment=comment, answer=answer, by=request.user, reason=reason)
    if action in ("publish", "answer_publish") and comment.state != CommentState.PUBLISHED:
        comment = public.publish_comment(comment=comment, by=request.user, reason=reason)
    if action == "reject":
        public.reject_comment(comment=comment, by=request.user, reason=reason)


@object_view(COMMENTS, {"*": "awards.view_noticecomment", "POST": "awards.moderate_noticecomment"})
def notice_comment(request, comment):
    """One comment with its sender's contact (the office's only), the answer and the moderation."""
    form = ModerationForm(request.POST or None, initial={"answer": comment.answer})
    status = 200
    if request.method == "POST":
        status = 400
        action = request.POST.get("action", "")
        if action not in MODERATION:
            messages.error(request, _("Choose what to do with the comment."))
        elif form.is_valid():
            data = form.cleaned_data
            done = attempt(
                request,
                lambda: _moderate(request, comment, action, data["answer"], data["reason"]),
                success=MODERATION[action],
            )
            if done:
                return HttpResponseRedirect(request.path)
    context = {
        "comment": comment,
        "form": form,
        "history": history_visible_to(request.user, comment),
        "public_url": reverse("public:notice_detail", args=[comment.entry.notice_id]),
    }
    return render(request, "awards/notices/comment_detail.html", context, status=status)


class UnpublishForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for taking it out of the register"), max_length=500)


DECISIONS = Decision.objects.select_related("proposal__unit")


@object_view(DECISIONS, "awards.process_proposal", check_on="proposal")
def decision_register(request, decision):
    """Confirm, then put the decision in the public register, or take it out with a reason."""
    back = reverse("awards:decision_detail", args=[decision.pk])
    published = decision.published_at is not None
    form = UnpublishForm(request.POST or None) if published else None
    if request.method == "POST" and (form is None or form.is_valid()):
        if published:
            action = lambda: public.unpublish_decision(  # noqa: E731
                decision=decision, by=request.user, reason=form.cleaned_data["reason"]
            )
            success = _("The decision was taken out of the public register.")
        else:
            action = lambda: public.publish_decision(decision=decision, by=request.user)  # noqa: E731
            success = _("The decision is in the public register.")
        if attempt(request, action, success=success):
            return HttpResponseRedirect(back)
    context = {
        "back": back,
        "subject": str(decision),
        "form": form,
        "title": _("Public register of decisions"),
        "question": _("Take this decision out of the public register? Its public page will no longer be found.")
        if published
        else _(
            "Publish this decision in the public register? Anyone will read it, its annex (name, unit and award "
            "of each awardee) and its PDF."
        ),
        "submit": _("Take it out of the register") if published else _("Publish in the register"),
        "safe": not published,
    }
    return render(request, CONFIRM, context, status=400 if request.method == "POST" else 200)
