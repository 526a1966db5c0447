"""Uploaded PDFs are verified and their signature state shown on the document's row (issue 15, item 2)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.domain.documents import upload_document
from portal import signing
from portal.rendering import html_to_pdf
from tests.factories.awards import ProposalFactory
from tests.signing_ca import make_ca

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


HTML = "<html><body><h1>Tờ trình đề nghị khen thưởng</h1><p>Số 12/TTr-SGDĐT</p></body></html>"


@pytest.fixture(scope="module")
def pdf():
    return html_to_pdf(HTML)


def _signer(ca, folder):
    from pyhanko.sign import signers

    path = ca.write_pkcs12(folder / "signer.p12", "mat-khau")
    return signers.SimpleSigner.load_pkcs12_data(path.read_bytes(), other_certs=(), passphrase=b"mat-khau")


@pytest.fixture(scope="module")
def signed_files(pdf, tmp_path_factory):
    trusted, stranger = make_ca(), make_ca("Lạ", signer_name="Người Lạ")
    folder = tmp_path_factory.mktemp("ca")
    root = trusted.write_root(folder / "root.pem")
    by_trusted = signing.sign_pdf(pdf, signer=_signer(trusted, folder), title="GIÁM ĐỐC", signer_name="Nguyễn Văn An")
    by_stranger = signing.sign_pdf(pdf, signer=_signer(stranger, folder), title="GIÁM ĐỐC", signer_name="Người Lạ")
    changed = bytearray(by_trusted)
    position = len(changed) // 3  # inside the signed byte range, away from the signature itself
    changed[position] = (changed[position] + 1) % 256
    return {"root": root, "valid": by_trusted, "stranger": by_stranger, "changed": bytes(changed), "unsigned": pdf}


@pytest.mark.parametrize(
    ("name", "state"),
    [("valid", "valid"), ("stranger", "unknown_signer"), ("unsigned", "unsigned")],
)
def test_an_uploaded_pdf_keeps_its_signature_state_and_the_row_shows_it(
    settings, client_as, unit_officer, member_unit, signed_files, name, state
):
    settings.SIGNING_TRUST_ROOTS = str(signed_files["root"])
    proposal = ProposalFactory(unit=member_unit, created_by=unit_officer)
    upload = SimpleUploadedFile("to-trinh.pdf", signed_files[name])
    document = upload_document(proposal=proposal, kind="cover_letter", uploaded_file=upload, by=unit_officer)

    document.refresh_from_db()
    assert document.signature_state == state
    assert document.signature_summary
    page = client_as(unit_officer).get(reverse("awards:proposal_detail", args=[proposal.pk])).content.decode()
    assert f'data-signature="{state}"' in page


def test_a_changed_signed_pdf_is_not_valid_and_a_word_file_has_no_state(
    settings, unit_officer, member_unit, signed_files
):
    settings.SIGNING_TRUST_ROOTS = str(signed_files["root"])
    proposal = ProposalFactory(unit=member_unit, created_by=unit_officer)
    changed = upload_document(
        proposal=proposal,
        kind="evidence",
        uploaded_file=SimpleUploadedFile("sua.pdf", signed_files["changed"]),
        by=unit_officer,
    )
    assert changed.signature_state in {"modified", "invalid"}
    from tests.files import docx

    word = upload_document(
        proposal=proposal, kind="evidence", uploaded_file=SimpleUploadedFile("bien-ban.docx", docx()), by=unit_officer
    )
    assert word.signature_state == "" and word.signature_summary == ""
    # Saving the row again (a correction of its kind) keeps the state without verifying again.
    changed.kind = "achievement_report"
    changed.save()
    changed.refresh_from_db()
    assert changed.signature_state in {"modified", "invalid"}
