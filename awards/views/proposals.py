"""Proposal screens: lists, the verification queue, creating a proposal, its page and workflow buttons."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView

from portal.errors import DomainError
from portal.lists import FilteredListView, related_count
from portal.mixins import HistoryMixin, ObjectPermissionMixin, PermissionMixin
from portal.permissions import object_view

from ..domain import workflow
from ..exports import proposal_export
from ..filters import ProposalFilterSet
from ..forms import (
    DocumentForm,
    ImportForm,
    NomineeForm,
    NoticeForm,
    OverrideForm,
    ProposalForm,
    ReturnForm,
)
from ..models import Nominee, Proposal, ProposalDocument, UpwardPackage
from .common import PROPOSALS, QUEUE_STATES, to_proposal


class ProposalListView(PermissionMixin, FilteredListView):
    permission_required = "awards.list_proposal"
    filterset_class = ProposalFilterSet
    template_name = "awards/proposal_list.html"

    def get_queryset(self):
        return (
            Proposal.objects.visible_to(self.request.user)
            .select_related("unit")
            .annotate(nominee_count=related_count(Nominee, "proposal"))
            .order_by("-year", "-pk")
        )

    def export(self, rows):
        return proposal_export(rows, request=self.request, filterset=self.filterset)


class VerificationQueueView(PermissionMixin, FilteredListView):
    permission_required = "awards.process_proposal"
    filterset_class = ProposalFilterSet
    template_name = "awards/queue.html"

    def get_queryset(self):
        return (
            Proposal.objects.visible_to(self.request.user)
            .filter(state__in=QUEUE_STATES)
            .select_related("unit")
            .annotate(nominee_count=related_count(Nominee, "proposal"))
            .order_by("submitted_on", "pk")
        )


class ProposalCreateView(PermissionMixin, CreateView):
    permission_required = "awards.add_proposal"
    form_class = ProposalForm
    template_name = "awards/proposal_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            self.object = workflow.create_proposal(by=self.request.user, **data)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The draft proposal was created. Add its nominees and documents."))
        return to_proposal(self.object)


def attach_ratings(nominees, year):
    """Each nominee's `duty_rating`: its recipient's rating of duty completion for `year` (read only), one query."""
    from directory.domain.ratings import ratings_in_year

    people, units = ratings_in_year(
        person_ids=[n.person_id for n in nominees if n.person_id],
        unit_ids=[n.unit_id for n in nominees if n.unit_id],
        year=year,
    )
    for nominee in nominees:
        nominee.duty_rating = people.get(nominee.person_id) if nominee.person_id else units.get(nominee.unit_id)


class ProposalDetailView(ObjectPermissionMixin, HistoryMixin, DetailView):
    permission_required = "awards.view_proposal"
    template_name = "awards/proposal_detail.html"

    def history_children(self, obj):
        # Removed nominees and documents stay listed (registered with parents=("proposal",)).
        from .notice_moderation import history_children  # issue 16, public: the notice and its comments

        return [
            Nominee.objects.filter(proposal=obj),
            ProposalDocument.objects.filter(proposal=obj),
            *history_children(obj),
            UpwardPackage.objects.filter(proposal=obj),  # issue 16, upward
        ]

    def get_queryset(self):
        return Proposal.objects.select_related("unit", "movement_review__movement", "cluster_term__cluster", "decision")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal, user = self.object, self.request.user
        context["nominees"] = list(
            proposal.nominees.select_related("award", "person__unit", "unit", "initiative", "vote", "overridden_by")
        )
        attach_ratings(context["nominees"], proposal.year)
        context["documents"] = list(proposal.documents.all())
        context["can_edit"] = user.has_perm("awards.change_proposal", proposal)
        context["can_process"] = user.has_perm("awards.process_proposal", proposal)
        context["can_discard"] = user.has_perm("awards.discard_proposal", proposal)
        context["needs_reason"] = proposal.state != "draft"
        if context["can_edit"]:
            context["missing_documents"] = workflow.missing_documents(proposal)
            context["unsigned_documents"] = workflow.unsigned_documents(  # issue 15, originals
                proposal, nominees=context["nominees"], documents=context["documents"]
            )
            context["nominee_form"] = kwargs.get("nominee_form") or NomineeForm(proposal=proposal, user=user)
            context["document_form"] = DocumentForm()
            context["import_form"] = ImportForm()
        if context["can_process"]:
            context["return_form"] = ReturnForm()
            context["notice_form"] = NoticeForm()
            context["override_form"] = OverrideForm()
        context["row_errors"] = kwargs.get("row_errors")
        return context


ACTIONS = {
    "submit": (
        "awards.change_proposal",
        lambda request, proposal: workflow.submit(proposal=proposal, by=request.user),
        gettext_lazy("The dossier was submitted to the office."),
    ),
    "verify": (
        "awards.process_proposal",
        lambda request, proposal: workflow.start_verification(proposal=proposal, by=request.user),
        gettext_lazy("Verification started; eligibility was rechecked."),
    ),
    "recheck": (
        "awards.process_proposal",
        lambda request, proposal: workflow.recheck(proposal=proposal, by=request.user),
        gettext_lazy("Eligibility was rechecked."),
    ),
    "council": (
        "awards.process_proposal",
        lambda request, proposal: workflow.send_to_council(proposal=proposal, by=request.user),
        gettext_lazy("The proposal was sent to the council."),
    ),
    "forward": (
        "awards.process_proposal",
        lambda request, proposal: workflow.forward(proposal=proposal, by=request.user),
        gettext_lazy("The proposal was forwarded upward."),
    ),
}


def _action_permission(request, action, **kwargs):
    """The permission a workflow button needs; None (404) for an action that does not exist."""
    if action in ("return", "notice"):
        return "awards.process_proposal"
    return ACTIONS[action][0] if action in ACTIONS else None


@require_POST
@object_view(PROPOSALS, _action_permission)
def proposal_action(request, proposal, action):
    """Workflow buttons on the proposal page; each action is a domain transition."""
    try:
        if action == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Write the reasons for returning the dossier."))
            workflow.return_for_completion(proposal=proposal, reasons=form.cleaned_data["reasons"], by=request.user)
            messages.success(request, _("The dossier was returned to the unit for completion."))
        elif action == "notice":
            form = NoticeForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Enter the end date of the public notice (dd/mm/yyyy)."))
            workflow.publish_notice(proposal=proposal, until=form.cleaned_data["until"], by=request.user)
            messages.success(request, _("The list was published for public comment."))
        else:
            _permission, run, message = ACTIONS[action]
            run(request, proposal)
            messages.success(request, message)
    except DomainError as error:
        messages.error(request, str(error))
    return to_proposal(proposal)


def _terms(request):
    from clusters.models import Term

    return Term.objects.select_related("cluster", "lead_unit")


@require_POST
@object_view(_terms, "awards.process_proposal", kwarg="term_pk")
def proposal_from_term(request, term):
    """The office turns a cluster term's nominations into a draft proposal."""
    try:
        proposal = workflow.propose_from_term(term=term, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(reverse("awards:proposal_list"))
    messages.success(request, _("A draft proposal was created from the cluster's nominations."))
    return to_proposal(proposal)
