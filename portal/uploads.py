"""Uploaded documents, checked by what they contain and how big they are, never by their name.

Accepted: PDF, Word (.docx), Excel (.xlsx), JPEG and PNG, recognised by their first bytes (and,
for the Office formats, the part every such package holds).
"""

import io
import zipfile

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ACCEPTED_DESCRIPTION = gettext_lazy("PDF, Word (.docx), Excel (.xlsx), JPEG or PNG")
ACCEPT_ATTRIBUTE = ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"


class UploadRejected(Exception):
    """The file as a whole is unusable; the message is for the user."""


def sniff(data):
    """(content type, extension) of an accepted file, or None."""
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


def check_upload(uploaded_file, *, max_bytes=None):
    """(content type, extension) of an acceptable upload; UploadRejected with the reason otherwise.

    Leaves the file positioned at its start, ready to be saved.
    """
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    if uploaded_file.size > max_bytes:
        raise UploadRejected(
            _("The file is {size} MB; the limit is {limit} MB.").format(
                size=round(uploaded_file.size / 1024 / 1024, 1), limit=round(max_bytes / 1024 / 1024, 1)
            )
        )
    uploaded_file.seek(0)
    data = uploaded_file.read()
    uploaded_file.seek(0)
    sniffed = sniff(data)
    if sniffed is None:
        raise UploadRejected(_("This file is not accepted: only {kinds} files are.").format(kinds=ACCEPTED_DESCRIPTION))
    return sniffed


class DocumentFileField(forms.FileField):
    """A form field for a document, checked by content and size."""

    def __init__(self, *args, max_bytes=None, **kwargs):
        self.max_bytes = max_bytes
        kwargs.setdefault("help_text", gettext_lazy("{kinds}; checked by content.").format(kinds=ACCEPTED_DESCRIPTION))
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT_ATTRIBUTE)

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded and hasattr(uploaded, "size") and uploaded is not initial:
            try:
                check_upload(uploaded, max_bytes=self.max_bytes)
            except UploadRejected as error:
                raise forms.ValidationError(str(error)) from None
        return uploaded
