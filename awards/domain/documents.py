"""Dossier uploads: checked by content (magic bytes) and size, never by the name the user gave."""

from django.db import transaction
from django.utils.translation import gettext as _

from portal.uploads import UploadRejected, check_upload

from ..enums import ProposalState
from ..models import Proposal, ProposalDocument
from . import AwardsError


def upload_document(*, proposal, kind, uploaded_file, by):
    """Attach a document to a draft or returned dossier.

    Side effects: writes the file under MEDIA_ROOT, named by the extension its content proves, and
    one ProposalDocument (audited; `original_name` is the sender's name with that extension). Raises
    AwardsError for a file that is too large or not really a PDF, Word, Excel, JPEG or PNG file.
    """

    def editable(proposal):
        if proposal.state not in ProposalState.editable():
            raise AwardsError(_("Documents can be added only while the dossier is a draft or returned."))

    return store_document(proposal=proposal, kind=kind, uploaded_file=uploaded_file, by=by, may_attach=editable)


def store_document(*, proposal, kind, uploaded_file, by, may_attach):
    """The one way a dossier document is stored: the file checked by content, then, with the proposal
    locked, `may_attach(proposal)` (raising AwardsError to refuse) and the ProposalDocument written."""
    try:
        content_type, extension = check_upload(uploaded_file)
    except UploadRejected as rejected:
        raise AwardsError(str(rejected)) from None
    data = uploaded_file.read()
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        may_attach(proposal)
        document = ProposalDocument(
            proposal=proposal,
            kind=kind,
            original_name=uploaded_file.original_name,
            content_type=content_type,
            extension=extension,
            size=len(data),
            uploaded_by=by,
        )
        uploaded_file.seek(0)
        document.file.save(f"document.{extension}", uploaded_file, save=False)
        document.save()
    return document
