"""Decisions on a proposal: recording one, its page, the .docx, the PDF and the annex."""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from portal.errors import DomainError
from portal.mixins import HistoryMixin, ObjectPermissionMixin
from portal.permissions import object_view

from ..domain.decision_document import decision_docx, decision_pdf, level_warnings
from ..domain.decisions import decide
from ..enums import ProposalState
from ..exports import decision_annex_export
from ..forms import DecisionForm
from ..models import Decision
from .common import PROPOSALS, to_proposal

DECISIONS = Decision.objects.select_related("proposal__unit", "created_by")


@object_view(PROPOSALS, "awards.process_proposal")
def decision_create(request, proposal):
    nominees = list(proposal.nominees.select_related("award", "person", "unit", "vote"))
    form = DecisionForm(request.POST or None, nominees=nominees)
    status = 200
    if proposal.state != ProposalState.PUBLIC_NOTICE:
        messages.error(request, _("Only a proposal under public notice can be decided."))
        return to_proposal(proposal)
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                decision = decide(
                    proposal=proposal,
                    number=data["number"],
                    signed_on=data["signed_on"],
                    signer=data["signer"],
                    level=data["level"],
                    outcomes=form.outcomes(),
                    by=request.user,
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The decision was recorded and the award records written."))
                return HttpResponseRedirect(reverse("awards:decision_detail", args=[decision.pk]))
    return render(request, "awards/decision_form.html", {"form": form, "proposal": proposal}, status=status)


class DecisionDetailView(ObjectPermissionMixin, HistoryMixin, DetailView):
    permission_required = "awards.view_decision"
    permission_through = "proposal"
    template_name = "awards/decision_detail.html"
    queryset = DECISIONS

    def history_children(self, obj):
        return [obj.records.all()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_correct"] = self.request.user.has_perm("awards.change_decision", self.object)
        context["records"] = list(self.object.records.select_related("award", "unit", "person").order_by("pk"))
        context["level_warnings"] = level_warnings(self.object, context["records"])
        context["rejected"] = list(
            self.object.proposal.nominees.filter(outcome="rejected").select_related("award", "person", "unit")
        )
        return context


@object_view(DECISIONS, "awards.view_decision", check_on="proposal")
def decision_docx_view(request, decision):
    response = HttpResponse(
        decision_docx(decision),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="quyet-dinh-{decision.pk}.docx"'
    return response


@object_view(DECISIONS, "awards.view_decision", check_on="proposal")
def decision_pdf_view(request, decision):
    response = HttpResponse(decision_pdf(decision), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="quyet-dinh-{decision.pk}.pdf"'
    return response


@object_view(DECISIONS, "awards.view_decision", check_on="proposal")
def decision_annex(request, decision):
    return decision_annex_export(decision, request=request)
