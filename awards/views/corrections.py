"""Correction screens: deleting a draft (after a confirmation page), correcting a proposal's
details, a nominee, a document, a council vote or session, and a decision, each with its reason."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.errors import DomainError
from portal.permissions import object_view

from ..domain import corrections
from ..enums import ProposalState
from ..forms import (
    DecisionCorrectionForm,
    DocumentReplaceForm,
    NomineeCorrectionForm,
    ProposalCorrectionForm,
    ReasonForm,
    SessionCorrectionForm,
    VoteCorrectionForm,
)
from ..models import CouncilSession, CouncilVote, Decision, ProposalDocument
from .common import NOMINEES, PROPOSALS, to_proposal

CORRECTION = "awards/correction_form.html"
CONFIRM = "portal/confirm.html"


def _needs_reason(proposal):
    return proposal.state != ProposalState.DRAFT


def _page(request, template, context, *, failed):
    return render(request, template, context, status=400 if failed else 200)


def _run(request, form, action, *, success):
    """`action(data)` when `form` is valid; the refusal is added to the form. True when done."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except DomainError as error:
        form.add_error(None, str(error))
        return False
    messages.success(request, success)
    return True


@object_view(PROPOSALS, "awards.discard_proposal")
def proposal_delete(request, proposal):
    """The confirmation page, then the deletion of a draft proposal."""
    if request.method == "POST":
        try:
            corrections.delete_draft(proposal=proposal, by=request.user)
        except DomainError as error:
            messages.error(request, str(error))
            return to_proposal(proposal)
        messages.success(request, _("The draft proposal was deleted."))
        return HttpResponseRedirect(reverse("awards:proposal_list"))
    context = {
        "question": _(
            "Delete the draft proposal {title} with its {nominees} nominees and {documents} documents? "
            "This cannot be undone."
        ).format(title=proposal.title, nominees=proposal.nominees.count(), documents=proposal.documents.count()),
        "back": reverse("awards:proposal_detail", args=[proposal.pk]),
        "proposal": proposal,
    }
    return render(request, CONFIRM, context)


@object_view(PROPOSALS, "awards.change_proposal")
def proposal_edit(request, proposal):
    form = ProposalCorrectionForm(request.POST or None, instance=proposal, reason_required=_needs_reason(proposal))
    original = {"title": proposal.title, "commendation_type": proposal.commendation_type, "year": proposal.year}

    def action(data):
        for name, value in original.items():
            setattr(proposal, name, value)  # the form wrote the typed values on the instance
        corrections.correct_proposal(
            proposal=proposal,
            title=data["title"],
            commendation_type=data["commendation_type"],
            year=data.get("year") or original["year"],
            reason=data.get("reason"),
            by=request.user,
        )

    if _run(request, form, action, success=_("The proposal was corrected.")):
        return to_proposal(proposal)
    for name, value in original.items():
        setattr(proposal, name, value)
    context = {
        "form": form,
        "title": _("Correct the proposal"),
        "back": to_proposal(proposal).url,
        "proposal": proposal,
    }
    return _page(request, CORRECTION, context, failed=request.method == "POST")


@object_view(NOMINEES.select_related("award", "initiative"), "awards.change_proposal", check_on="proposal")
def nominee_edit(request, nominee):
    proposal = nominee.proposal
    form = NomineeCorrectionForm(request.POST or None, nominee=nominee, reason_required=_needs_reason(proposal))
    done = _run(
        request,
        form,
        lambda data: corrections.correct_nominee(nominee=nominee, by=request.user, **data),
        success=_("The nominee was corrected and checked again."),
    )
    if done:
        return to_proposal(proposal)
    context = {
        "form": form,
        "title": _("Correct the nominee {name}").format(name=nominee.recipient_name),
        "back": to_proposal(proposal).url,
        "proposal": proposal,
        "rated_nominee": nominee,
    }
    from .proposals import attach_ratings

    attach_ratings([nominee], nominee.year)
    return _page(request, CORRECTION, context, failed=request.method == "POST")


DOCUMENTS = ProposalDocument.objects.select_related("proposal__unit")


@object_view(DOCUMENTS, "awards.change_proposal", check_on="proposal")
def document_replace(request, document):
    proposal = document.proposal
    form = DocumentReplaceForm(request.POST or None, request.FILES or None, reason_required=_needs_reason(proposal))
    done = _run(
        request,
        form,
        lambda data: corrections.replace_document(
            document=document, uploaded_file=data["file"], reason=data.get("reason"), by=request.user
        ),
        success=_("The document was replaced."),
    )
    if done:
        return to_proposal(proposal)
    context = {
        "form": form,
        "title": _("Replace the document {name}").format(name=document.original_name),
        "back": to_proposal(proposal).url,
        "proposal": proposal,
        "multipart": True,
    }
    return _page(request, CORRECTION, context, failed=request.method == "POST")


@object_view(DOCUMENTS, "awards.change_proposal", check_on="proposal")
def document_remove(request, document):
    proposal = document.proposal
    needs_reason = _needs_reason(proposal)
    form = ReasonForm(request.POST or None, reason_required=needs_reason)
    done = _run(
        request,
        form,
        lambda data: corrections.remove_document(document=document, reason=data.get("reason"), by=request.user),
        success=_("The document was removed."),
    )
    if done:
        return to_proposal(proposal)
    context = {
        "form": form,
        "needs_reason": True,
        "question": _("Remove the document {name} from the dossier?").format(name=document.original_name),
        "back": to_proposal(proposal).url,
        "proposal": proposal,
    }
    return _page(request, CONFIRM, context, failed=request.method == "POST")


VOTES = CouncilVote.objects.select_related("session", "nominee__proposal", "nominee__person", "nominee__unit")


@object_view(VOTES, "awards.change_councilvote")
def vote_edit(request, vote):
    initial = {name: getattr(vote, name) for name in ("in_favour", "against", "written_in_favour", "written_against")}
    form = VoteCorrectionForm(request.POST or None, initial=initial)
    done = _run(
        request,
        form,
        lambda data: corrections.correct_vote(vote=vote, by=request.user, **data),
        success=_("The vote was corrected."),
    )
    back = reverse("awards:session_detail", args=[vote.session_id])
    if done:
        return HttpResponseRedirect(back)
    context = {
        "form": form,
        "title": _("Correct the vote on {name}").format(name=vote.nominee.recipient_name),
        "back": back,
    }
    return _page(request, CORRECTION, context, failed=request.method == "POST")


@object_view(CouncilSession, "awards.change_councilsession")
def session_edit(request, session):
    form = SessionCorrectionForm(request.POST or None, instance=session)
    fields = ("held_on", "member_count", "present_count", "notes", "place", "starts_at", "chair", "secretary")
    original = {name: getattr(session, name) for name in fields}

    def action(data):
        for name, value in original.items():
            setattr(session, name, value)
        data = {name: value for name, value in data.items() if name not in ("present", "written")}
        corrections.correct_session(session=session, by=request.user, attendance=form.attendance(), **data)

    back = reverse("awards:session_detail", args=[session.pk])
    if _run(request, form, action, success=_("The council session was corrected.")):
        return HttpResponseRedirect(back)
    for name, value in original.items():
        setattr(session, name, value)
    context = {"form": form, "title": _("Correct the council session"), "back": back}
    return _page(request, CORRECTION, context, failed=request.method == "POST")


@object_view(Decision.objects.select_related("proposal__unit"), "awards.change_decision")
def decision_edit(request, decision):
    initial = {name: getattr(decision, name) for name in ("number", "signed_on", "level")}
    initial.update(DecisionCorrectionForm.signer_initial(decision.signer))
    form = DecisionCorrectionForm(request.POST or None, initial=initial)
    done = _run(
        request,
        form,
        lambda data: corrections.correct_decision(decision=decision, by=request.user, **data),
        success=_("The decision was corrected."),
    )
    back = reverse("awards:decision_detail", args=[decision.pk])
    if done:
        return HttpResponseRedirect(back)
    context = {"form": form, "title": _("Correct the decision {number}").format(number=decision.number), "back": back}
    return _page(request, CORRECTION, context, failed=request.method == "POST")


@object_view(NOMINEES, "awards.process_proposal", check_on="proposal")
def override_withdraw(request, nominee):
    """The confirmation page (with the reason), then the withdrawal of an override."""
    form = ReasonForm(request.POST or None)
    done = _run(
        request,
        form,
        lambda data: corrections.withdraw_override(nominee=nominee, reason=data["reason"], by=request.user),
        success=_("The override was withdrawn; the reason is recorded."),
    )
    if done:
        return to_proposal(nominee.proposal)
    context = {
        "form": form,
        "needs_reason": True,
        "question": _("Withdraw the override of the check for {name}?").format(name=nominee.recipient_name),
        "back": to_proposal(nominee.proposal).url,
    }
    return _page(request, CONFIRM, context, failed=request.method == "POST")
