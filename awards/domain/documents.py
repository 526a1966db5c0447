"""Dossier uploads: checked by content (magic bytes) and size, never by the name the user gave."""

import io
import zipfile

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from ..enums import ProposalState
from ..models import Proposal, ProposalDocument
from . import AwardsError

EDITABLE = (ProposalState.DRAFT, ProposalState.RETURNED)


def sniff(data):
    """(content type, extension) of an accepted file, or None: PDF, DOCX, XLSX, JPEG, PNG."""
    if data.startswith(b"%PDF"):
        return "application/pdf", "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", "png"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                names = set(package.namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"
        if "xl/workbook.xml" in names:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
    return None


def upload_document(*, proposal, kind, uploaded_file, by):
    """Attach a document to a draft or returned dossier.

    Side effects: writes the file under MEDIA_ROOT and one ProposalDocument (audited). Raises
    AwardsError for a file that is too large or not a PDF, Word, Excel, JPEG or PNG file.
    """
    if uploaded_file.size > settings.UPLOAD_MAX_BYTES:
        raise AwardsError(
            _("The file is {size} MB; the limit is {limit} MB.").format(
                size=round(uploaded_file.size / 1024 / 1024, 1), limit=round(settings.UPLOAD_MAX_BYTES / 1024 / 1024, 1)
            )
        )
    data = uploaded_file.read()
    sniffed = sniff(data)
    if sniffed is None:
        raise AwardsError(_("Only PDF, Word (.docx), Excel (.xlsx), JPEG and PNG files are accepted."))
    content_type, extension = sniffed
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.state not in EDITABLE:
            raise AwardsError(_("Documents can be added only while the dossier is a draft or returned."))
        document = ProposalDocument(
            proposal=proposal,
            kind=kind,
            original_name=(uploaded_file.name or "")[:255],
            content_type=content_type,
            extension=extension,
            size=len(data),
            uploaded_by=by,
        )
        uploaded_file.seek(0)
        document.file.save(f"document.{extension}", uploaded_file, save=False)
        document.save()
    return document
