"""A proposal's documents: upload and download."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.actions import attempt
from portal.permissions import object_view

from ..domain.documents import upload_document
from ..forms import DocumentForm
from ..models import ProposalDocument
from .common import PROPOSALS, to_proposal


def attach_posted(request, attach):
    """Read the posted DocumentForm and call `attach(kind=, uploaded_file=)` (the one way a page attaches a
    dossier document); the outcome or the form's error is a message on the next page."""
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        attempt(
            request,
            lambda: attach(kind=form.cleaned_data["kind"], uploaded_file=form.cleaned_data["file"]),
            success=_("The document was attached."),
        )
    elif request.FILES.get("file") and form.errors.get("file"):
        messages.error(request, form.errors["file"][0])
    else:
        messages.error(request, _("Choose the kind of document and a file."))


@require_POST
@object_view(PROPOSALS, "awards.change_proposal")
def document_upload(request, proposal):
    attach_posted(request, lambda **posted: upload_document(proposal=proposal, by=request.user, **posted))
    return to_proposal(proposal)


@object_view(ProposalDocument.objects.select_related("proposal"), "awards.view_proposaldocument")
def document_download(request, document):
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name or f"tai-lieu.{document.extension}",
        content_type=document.content_type,
    )
