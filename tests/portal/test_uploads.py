import io
import zipfile

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.uploads import DocumentFileField, UploadRejected, check_upload
from tests.files import image


def docx_bytes():
    # A real package has its content types and relationships besides the document itself.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("_rels/.rels", "<Relationships/>")
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7 ...", ("application/pdf", "pdf")),
        (image("JPEG"), ("image/jpeg", "jpg")),
        (image("PNG"), ("image/png", "png")),
    ],
)
def test_check_upload_recognises_files_by_their_first_bytes(content, expected):
    assert check_upload(SimpleUploadedFile("ten-bat-ky.bin", content)) == expected


def test_check_upload_recognises_a_word_document_inside_its_zip():
    assert check_upload(SimpleUploadedFile("bao-cao.pdf", docx_bytes()))[1] == "docx"


def test_check_upload_refuses_a_script_named_pdf():
    with pytest.raises(UploadRejected, match="không được chấp nhận"):
        check_upload(SimpleUploadedFile("to-trinh.pdf", b"#!/bin/sh\nrm -rf /\n"))


def test_check_upload_refuses_a_file_over_the_limit():
    with pytest.raises(UploadRejected, match="tối đa"):
        check_upload(SimpleUploadedFile("lon.pdf", b"%PDF" + b"0" * 2000), max_bytes=1000)


class EvidenceForm(forms.Form):
    file = DocumentFileField()


def test_document_file_field_reports_the_reason_as_a_form_error():
    form = EvidenceForm(files={"file": SimpleUploadedFile("minh-chung.pdf", b"not really a pdf")})

    assert not form.is_valid()
    assert "không được chấp nhận" in form.errors["file"][0]
