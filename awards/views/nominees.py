"""A proposal's nominees: adding, removing, overriding the check, importing from Excel."""

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.models import Person, Unit
from portal.actions import attempt
from portal.errors import DomainError
from portal.imports import ImportFailed
from portal.permissions import object_view, permission_required
from portal.widgets import autocomplete_response
from portal.xlsx import xlsx_response

from ..domain import workflow
from ..domain.bounds import boundary
from ..domain.imports import (
    NOMINEE_EXAMPLE,
    NOMINEE_HEADERS,
    import_nominees,
)
from ..forms import (
    ImportForm,
    NomineeForm,
    OverrideForm,
)
from .common import NOMINEES, PROPOSALS, to_proposal
from .proposals import ProposalDetailView


@require_POST
@object_view(PROPOSALS, "awards.change_proposal")
def nominee_add(request, proposal):
    form = NomineeForm(request.POST, proposal=proposal, user=request.user)
    if form.is_valid():
        attempt(
            request,
            lambda: workflow.add_nominee(proposal=proposal, by=request.user, **form.cleaned_data),
            success=_("The nominee was added and checked."),
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return to_proposal(proposal)


@require_POST
@object_view(NOMINEES, "awards.change_proposal", check_on="proposal")
def nominee_delete(request, nominee):
    attempt(
        request,
        lambda: workflow.remove_nominee(nominee=nominee, reason=request.POST.get("reason", ""), by=request.user),
        success=_("The nominee was removed."),
    )
    return to_proposal(nominee.proposal)


@require_POST
@object_view(NOMINEES, "awards.process_proposal", check_on="proposal")
def nominee_override(request, nominee):
    form = OverrideForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Write the reason for overriding the check."))
        workflow.override_eligibility(nominee=nominee, reason=form.cleaned_data["reason"], by=request.user)
        messages.success(request, _("The check was overridden; the reason is recorded."))
    except DomainError as error:
        messages.error(request, str(error))
    return to_proposal(nominee.proposal)


@require_POST
@object_view(PROPOSALS, "awards.change_proposal")
def nominee_import(request, proposal):
    form = ImportForm(request.POST, request.FILES)
    row_errors = None
    if form.is_valid():
        try:
            result = import_nominees(proposal=proposal, uploaded_file=form.cleaned_data["file"], by=request.user)
        except ImportFailed as failure:  # before DomainError, its base: the rows are shown on the page
            row_errors = failure.errors
            messages.error(request, failure.message)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("{count} nominees were imported and checked.").format(count=result.created))
            return to_proposal(proposal)
    else:
        messages.error(request, _("Choose an Excel file."))
    if row_errors:
        view = ProposalDetailView(request=request, kwargs={"pk": proposal.pk}, object=proposal)
        context = view.get_context_data(object=proposal, row_errors=row_errors)
        return render(request, "awards/proposal_detail.html", context, status=400)
    return to_proposal(proposal)


@permission_required("awards.add_proposal")
def nominee_template(request):
    return xlsx_response("mau-danh-sach-de-nghi.xlsx", [(_("Nominees"), NOMINEE_HEADERS, NOMINEE_EXAMPLE)])


# --- Unit boundaries (issue 12, "bounds" part): the nominee form's suggestions, only what the user may propose. ---
@object_view(PROPOSALS, "awards.change_proposal")
def nominee_people(request, proposal):
    """People the user may propose in `proposal` matching `?q=`, at most 20, as JSON for js/autocomplete.js."""
    people = boundary(request.user, proposal.unit).people(Person.objects.select_related("unit"))
    return autocomplete_response(request, people, lambda person: {"text": f"{person.full_name} – {person.unit}"})


@object_view(PROPOSALS, "awards.change_proposal")
def nominee_units(request, proposal):
    """Units (collectives) the user may propose in `proposal` matching `?q=`, at most 20, as JSON."""
    units = boundary(request.user, proposal.unit).units(Unit.objects.current())
    return autocomplete_response(request, units.only(*Unit.CHOICE_FIELDS), Unit.as_choice)
