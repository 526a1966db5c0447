"""Council sessions and their votes."""

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import ListView

from portal.audit import history_visible_to
from portal.errors import DomainError
from portal.lists import PAGE_SIZE
from portal.mixins import PermissionMixin
from portal.permissions import object_view, permission_required

from ..domain import notices
from ..domain.council import record_vote
from ..enums import ProposalState
from ..forms import SessionForm, VoteForm
from ..models import CouncilSession, CouncilVote, Nominee


class SessionListView(PermissionMixin, ListView):
    permission_required = "awards.list_councilsession"
    paginate_by = PAGE_SIZE
    template_name = "awards/session_list.html"

    def get_queryset(self):
        return (
            CouncilSession.objects.visible_to(self.request.user)
            .annotate(vote_count=Count("votes"))
            .order_by("-held_on", "-pk")
        )


@permission_required("awards.add_councilsession")
def session_create(request):
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = form.save(commit=False)
        session.created_by = request.user
        session.save()
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
    votes = list(
        session.votes.select_related("nominee__award", "nominee__person", "nominee__unit", "nominee__proposal")
    )
    awaiting = list(
        Nominee.objects.filter(proposal__state=ProposalState.AT_COUNCIL, vote__isnull=True)
        .exclude(award__vote_rule="none")
        .select_related("award", "person", "unit", "proposal__unit")
        .order_by("proposal", "pk")
    )
    context = {
        "session": session,
        "votes": votes,
        "awaiting": awaiting,
        "can_vote": request.user.has_perm("awards.change_councilsession", session),
        "can_correct_votes": request.user.has_perm("awards.change_councilvote"),
        "history": history_visible_to(request.user, session, children=[CouncilVote.objects.filter(session=session)]),
    }
    return render(request, "awards/session_detail.html", context, status=status)
