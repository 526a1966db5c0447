"""The clusters' uploaded files (a term's signed compact, a score's evidence) keep their signature state
like every other upload, and `manage.py check_signatures` verifies the files stored before (issue 15)."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from clusters.domain import scoring
from clusters.domain.setup import update_term
from clusters.enums import PhaseKind
from clusters.models import Score, Term
from portal import signing
from portal.rendering import html_to_pdf
from tests.factories import UserFactory
from tests.factories.clusters import scored_term
from tests.signing_ca import make_ca

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    from pyhanko.sign import signers

    ca = make_ca()
    folder = tmp_path_factory.mktemp("ca")
    key = ca.write_pkcs12(folder / "signer.p12", "mat-khau")
    signer = signers.SimpleSigner.load_pkcs12_data(key.read_bytes(), other_certs=(), passphrase=b"mat-khau")
    pdf = html_to_pdf("<html><body><h1>Giao ước thi đua năm 2026</h1></body></html>")
    signed = signing.sign_pdf(pdf, signer=signer, title="CỤM TRƯỞNG", signer_name="Nguyễn Văn An")
    return {"root": ca.write_root(folder / "root.pem"), "signed": signed, "unsigned": pdf}


def test_a_signed_evidence_file_is_valid_on_the_sheet_and_saving_again_does_not_verify_again(
    settings, client_as, files, monkeypatch
):
    settings.SIGNING_TRUST_ROOTS = str(files["root"])
    term = scored_term(members=2, criteria=1)
    member = UserFactory(unit=term.unit_list[1], is_unit_officer=True)
    sheet, criterion = term.sheet_list[1], term.criterion_list[0]
    entry = scoring.Entry(value=Decimal(1), evidence=SimpleUploadedFile("minh-chung.pdf", files["signed"]))

    scoring.save_sheet(sheet=sheet, version=1, entries={criterion.pk: entry}, by=member)
    score = Score.objects.get(sheet=sheet, criterion=criterion)
    page = client_as(member).get(reverse("clusters:sheet_detail", args=[sheet.pk])).content.decode()

    assert score.signature_state == "valid"
    assert 'data-signature="valid"' in page
    calls = []
    monkeypatch.setattr(signing, "verify_pdf", lambda data, **kwargs: calls.append(data))
    score.comment = "Bổ sung"
    score.save()
    score.refresh_from_db()
    assert calls == [] and score.signature_state == "valid"


def test_an_unsigned_compact_shows_unsigned_and_removing_the_file_clears_the_state(settings, files, officer):
    settings.SIGNING_TRUST_ROOTS = str(files["root"])
    term = scored_term(members=2, criteria=1, phase=PhaseKind.COMPACT)

    update_term(term=term, by=officer, compact_document=SimpleUploadedFile("giao-uoc.pdf", files["unsigned"]))
    term.refresh_from_db()
    assert term.signature_state == "unsigned" and term.signature_summary

    term.compact_document = ""
    term.save()
    term.refresh_from_db()
    assert (term.signature_state, term.signature_summary) == ("", "")


def test_check_signatures_fills_unchecked_rows_and_all_follows_the_trust_roots(settings, files, officer):
    settings.SIGNING_TRUST_ROOTS = str(files["root"])
    term = scored_term(members=2, criteria=1, phase=PhaseKind.COMPACT)
    update_term(term=term, by=officer, compact_document=SimpleUploadedFile("giao-uoc.pdf", files["signed"]))
    Term.objects.filter(pk=term.pk).update(signature_state="", signature_summary="")  # stored before the check

    call_command("check_signatures", stdout=io.StringIO())
    assert Term.objects.get(pk=term.pk).signature_state == "valid"

    settings.SIGNING_TRUST_ROOTS = str(make_ca("Khác").write_root(files["root"].parent / "other.pem"))
    call_command("check_signatures", stdout=io.StringIO())
    assert Term.objects.get(pk=term.pk).signature_state == "valid"  # checked rows are left alone
    call_command("check_signatures", "--all", stdout=io.StringIO())
    assert Term.objects.get(pk=term.pk).signature_state == "unknown_signer"
