"""The dossier rule of issue 15 (originals): a document kind an award lists in `signed_documents`
must carry a VALID signature; an upload of that kind in another state blocks submission with a
sentence naming the document and its state, and the proposal page shows it."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from django.urls import reverse

from awards.domain import AwardsError, catalogue, workflow
from awards.domain.documents import upload_document
from portal import signing
from portal.rendering import html_to_pdf
from portal.signing.testca import make_ca
from tests.factories.awards import ProposalFactory, catalogue_award
from tests.factories.directory import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
OTHER_KINDS = ("achievement_report", "vote_minutes", "evidence")


@pytest.fixture(scope="module")
def ca():
    return make_ca("Hồ sơ", signer_name="Giám đốc Sở Giáo dục")


@pytest.fixture(scope="module")
def letters(ca, tmp_path_factory):
    """An unsigned cover letter and the same letter signed by the CA's signer (one render, one signature)."""
    from pyhanko.sign import signers

    path = ca.write_pkcs12(tmp_path_factory.mktemp("p12") / "s.p12", "pw")
    signer = signers.SimpleSigner.load_pkcs12_data(path.read_bytes(), other_certs=(), passphrase=b"pw")
    unsigned = html_to_pdf("<p>Tờ trình đề nghị khen thưởng</p>")
    signed = signing.sign_pdf(unsigned, signer=signer, title="GIÁM ĐỐC", signer_name="Giám đốc Sở Giáo dục")
    return {"unsigned": unsigned, "signed": signed}


@pytest.fixture(autouse=True)
def trusted(ca, tmp_path_factory, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    root = ca.write_root(tmp_path_factory.mktemp("roots") / "root.pem")
    with override_settings(SIGNING_TRUST_ROOTS=str(root)):
        yield


def dossier(letter, other):
    user = UserFactory(is_provincial_officer=True)
    award = catalogue_award(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL)
    award.signed_documents = ["cover_letter"]
    award.save()
    proposal = ProposalFactory()
    workflow.add_nominee(proposal=proposal, award=award, person=PersonFactory(), by=user)
    upload_document(
        proposal=proposal, kind="cover_letter", uploaded_file=SimpleUploadedFile("to-trinh.pdf", letter), by=user
    )
    for kind in OTHER_KINDS:
        upload_document(proposal=proposal, kind=kind, uploaded_file=SimpleUploadedFile(f"{kind}.pdf", other), by=user)
    return proposal, user


def test_a_validly_signed_cover_letter_passes(letters):
    proposal, user = dossier(letters["signed"], letters["unsigned"])

    assert workflow.unsigned_documents(proposal) == []
    workflow.submit(proposal=proposal, by=user)
    proposal.refresh_from_db()
    assert proposal.state == "submitted"


def test_an_unsigned_cover_letter_blocks_submission_and_is_shown(letters, client):
    proposal, user = dossier(letters["unsigned"], letters["unsigned"])

    with pytest.raises(AwardsError) as refused:
        workflow.submit(proposal=proposal, by=user)

    letter = proposal.documents.get(kind="cover_letter")
    assert str(refused.value) == str(workflow.UNSIGNED_REFUSALS["unsigned"]).format(document=str(letter))
    assert "to-trinh.pdf" in str(refused.value)
    proposal.refresh_from_db()
    assert proposal.state == "draft"
    client.force_login(user)
    page = client.get(reverse("awards:proposal_detail", args=[proposal.pk])).content.decode()
    assert f'data-unsigned="{letter.pk}"' in page


def test_signed_documents_must_be_required_ones():
    award = catalogue_award(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL)
    award.signed_documents = ["evidence"]
    with pytest.raises(ValidationError) as refused:
        award.clean()
    assert "signed_documents" in refused.value.message_dict
    award.signed_documents = ["cover_letter"]
    award.clean()
