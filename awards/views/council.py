"""Council sessions and their votes."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import ListView

from portal.audit import history_visible_to
from portal.errors import DomainError
from portal.lists import PAGE_SIZE, FilteredListView
from portal.mixins import PermissionMixin
from portal.permissions import object_view, permission_required

from ..domain import notices
from ..domain.council import annul_vote, create_session, record_vote, save_member, set_quota
from ..domain.minutes_document import minutes_docx, minutes_pdf
from ..domain.ranking import session_rankings
from ..enums import ProposalState
from ..filters import CouncilMemberFilterSet
from ..forms import AnnulVoteForm, CouncilMemberForm, QuotaForm, SessionForm, VoteForm
from ..models import CouncilMember, CouncilSession, CouncilVote, Nominee


class SessionListView(PermissionMixin, ListView):
    permission_required = "awards.list_councilsession"
    paginate_by = PAGE_SIZE
    template_name = "awards/session_list.html"

    def get_queryset(self):
        return (
            CouncilSession.objects.visible_to(self.request.user)
            .annotate(vote_count=Count("votes", filter=Q(votes__annulled_at__isnull=True)))
            .order_by("-held_on", "-pk")
        )


@permission_required("awards.add_councilsession")
def session_create(request):
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        members, present_ids, written_ids = form.attendance() or (None, (), ())
        try:
            session = create_session(
                session=form.save(commit=False),
                members=members,
                present_ids=present_ids,
                written_ids=written_ids,
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            notices.council_scheduled(session=session)  # the council members
            messages.success(request, _("The council session was recorded."))
            return HttpResponseRedirect(reverse("awards:session_detail", args=[session.pk]))
    return render(request, "awards/session_form.html", {"form": form}, status=400 if request.method == "POST" else 200)


@object_view(CouncilSession, {"*": "awards.view_councilsession", "POST": "awards.change_councilsession"})
def session_detail(request, session):
    status = 200
    if request.method == "POST":
        form = VoteForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            nominee = Nominee.objects.filter(pk=data.pop("nominee")).first()
            try:
                if nominee is None:
                    raise DomainError(_("This nominee no longer exists."))
                vote = record_vote(session=session, nominee=nominee, by=request.user, **data)
                messages.success(
                    request,
                    (
                        _("Vote recorded for {name}: passed.")
                        if vote.is_passed
                        else _("Vote recorded for {name}: not passed.")
                    ).format(name=nominee.recipient_name),
                )
                return HttpResponseRedirect(reverse("awards:session_detail", args=[session.pk]))
            except DomainError as error:
                messages.error(request, str(error))
        else:
            messages.error(request, _("Enter whole, non-negative vote counts."))
        status = 400
    return _session_page(request, session, status=status)


def _session_page(request, session, *, status=200, quota_form=None):
    votes = list(
        session.votes.select_related(
            "nominee__award", "nominee__person", "nominee__unit", "nominee__proposal", "annulled_by"
        ).order_by("pk")
    )
    awaiting = list(
        Nominee.objects.filter(proposal__state=ProposalState.AT_COUNCIL, vote__isnull=True)
        .exclude(award__vote_rule="none")
        .select_related("award", "person", "unit", "proposal__unit")
        .order_by("proposal", "pk")
    )
    try:
        rankings = session_rankings(session, [vote for vote in votes if vote.annulled_at is None])
    except DomainError as error:
        rankings = []
        messages.error(request, str(error))
    can_vote = request.user.has_perm("awards.change_councilsession", session)
    context = {
        "session": session,
        "votes": votes,
        "awaiting": awaiting,
        "attendance": list(session.attendance.select_related("member")),
        "rankings": rankings,
        "quota_form": quota_form or (QuotaForm() if can_vote else None),
        "can_vote": can_vote,
        "can_correct_votes": request.user.has_perm("awards.change_councilvote"),
        "history": history_visible_to(
            request.user,
            session,
            children=[
                CouncilVote.objects.filter(session=session),
                session.attendance.all(),
                session.quotas.all(),
            ],
        ),
    }
    return render(request, "awards/session_detail.html", context, status=status)


@object_view(CouncilSession, "awards.change_councilsession")
def session_quota(request, session):
    """POST: the number of places of one award in the session (0 removes the limit)."""
    if request.method != "POST":
        return HttpResponseRedirect(reverse("awards:session_detail", args=[session.pk]))
    form = QuotaForm(request.POST)
    if form.is_valid():
        try:
            set_quota(session=session, by=request.user, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The number of places was saved."))
            return HttpResponseRedirect(reverse("awards:session_detail", args=[session.pk]))
    else:
        messages.error(request, _("Choose an award and enter a whole number of places."))
    return _session_page(request, session, status=400, quota_form=form)


@object_view(CouncilVote.objects.select_related("nominee__proposal", "session"), "awards.change_councilvote")
def vote_annul(request, vote):
    """The confirmation page (with the reason), then the annulment of a vote."""
    back = reverse("awards:session_detail", args=[vote.session_id])
    form = AnnulVoteForm(request.POST or None)
    refusal = ""
    if vote.annulled_at is not None:
        refusal = _("This vote was already annulled.")
    elif vote.nominee.proposal.state != ProposalState.AT_COUNCIL:
        refusal = _("A vote can be annulled only while the proposal is before the council.")
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            annul_vote(vote=vote, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The vote on {name} was annulled; the nominee can be voted on again.").format(
                    name=vote.nominee.recipient_name
                ),
            )
            return HttpResponseRedirect(back)
    context = {
        "form": form,
        "needs_reason": True,
        "title": _("Annul a vote"),
        "subject": vote.session,
        "question": _("Annul the vote on {name} ({award})? It stays in the minutes, struck through.").format(
            name=vote.nominee.recipient_name, award=vote.nominee.award
        ),
        "refusal": refusal,
        "submit": _("Annul the vote"),
        "back": back,
    }
    return render(request, "portal/confirm.html", context, status=400 if request.method == "POST" else 200)


@object_view(CouncilSession, "awards.view_councilsession")
def session_minutes_docx(request, session):
    response = HttpResponse(
        minutes_docx(session), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="bien-ban-hoi-dong-{session.pk}.docx"'
    return response


@object_view(CouncilSession, "awards.view_councilsession")
def session_minutes_pdf(request, session):
    response = HttpResponse(minutes_pdf(session), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bien-ban-hoi-dong-{session.pk}.pdf"'
    return response


# --- The council's roster ---


class MemberListView(PermissionMixin, FilteredListView):
    permission_required = "awards.list_councilmember"
    filterset_class = CouncilMemberFilterSet
    template_name = "awards/member_list.html"

    def get_queryset(self):
        return (
            CouncilMember.objects.visible_to(self.request.user)
            .select_related("user")
            .order_by("-is_active", "search_text", "pk")
        )


def _member_page(request, form, *, member=None, title):
    if request.method == "POST" and form.is_valid():
        try:
            save_member(member=form.save(commit=False), by=request.user, reason=form.cleaned_data.get("reason", ""))
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The council member was saved."))
            return HttpResponseRedirect(reverse("awards:member_list"))
    context = {"form": form, "title": title, "back": reverse("awards:member_list")}
    return render(request, "awards/member_form.html", context, status=400 if request.method == "POST" else 200)


@permission_required("awards.add_councilmember")
def member_create(request):
    return _member_page(request, CouncilMemberForm(request.POST or None), title=_("New council member"))


@object_view(CouncilMember, "awards.change_councilmember")
def member_edit(request, member):
    form = CouncilMemberForm(request.POST or None, instance=member, reason_required=True)
    return _member_page(
        request, form, member=member, title=_("Correct the council member {name}").format(name=member.full_name)
    )
