"""Signed originals (issue 15, originals): a decision signed from its page with the portal's key,
its immutable versions, the own-token path (prepare, upload the signed copy, checked), and the
panel's constant queries.

One throwaway CA per module (portal.signing.testca); the decision's PDF is rendered a few times
(WeasyPrint, ~0.3 s each), so the module takes a few seconds.
"""

import hashlib
import io
from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from awards.models import Decision
from portal import signing
from portal.enums import SignatureState
from portal.models import ImmutableVersion, Notification, SignedVersion
from portal.originals import domain
from portal.originals.registry import signable
from portal.rendering import html_to_pdf
from portal.signing.testca import make_ca
from tests.factories.awards import ProposalFactory
from tests.permissions import built_once_per_module, rolled_back, signed_in_client
from tests.reports.pdf import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
PASSWORD = "mat-khau-demo"


@pytest.fixture(scope="module")
def ca():
    return make_ca("Cổng", signer_name="Cổng thông tin thi đua", organisation="Sở Nội vụ tỉnh Ninh Bình")


@pytest.fixture(scope="module")
def stranger():
    return make_ca("Lạ", signer_name="Người Lạ")


@pytest.fixture(scope="module")
def signing_files(ca, tmp_path_factory):
    folder = tmp_path_factory.mktemp("signing")
    (folder / "password").write_text(PASSWORD)
    return {
        "SIGNING_PKCS12_FILE": str(ca.write_pkcs12(folder / "signer.p12", PASSWORD)),
        "SIGNING_PKCS12_PASSWORD_FILE": str(folder / "password"),
        "SIGNING_TRUST_ROOTS": str(ca.write_root(folder / "root.pem")),
        "SIGNING_TIMESTAMP_URL": "",
    }


@pytest.fixture(autouse=True)
def signing_settings(signing_files):
    with override_settings(**signing_files):
        yield


def _signer(test_ca, tmp_path):
    from pyhanko.sign import signers

    path = test_ca.write_pkcs12(tmp_path / "own.p12", "pw")
    return signers.SimpleSigner.load_pkcs12_data(path.read_bytes(), other_certs=(), passphrase=b"pw")


def build_objects(cast):
    proposal = ProposalFactory(unit=cast["member_unit"], year=2025, state="decided", title="Đề nghị năm 2025")
    decision = Decision.objects.create(
        proposal=proposal,
        number="21/QĐ-UBND",
        signed_on=date(2026, 1, 5),
        signer="Chủ tịch UBND tỉnh Phạm Quang Ngọc",
        level="provincial",
        base_salary=Decimal(2340000),
        total_amount=Decimal(0),
        created_by=cast["officer"],
    )
    return {"decision": decision.pk}


shared_data = built_once_per_module(build_objects)


@pytest.fixture
def decision(shared_data):
    return Decision.objects.select_related("proposal__unit").get(pk=shared_data.objects["decision"])


def read(version):
    with version.file.open("rb") as handle:
        return handle.read()


def downloaded(response):
    """The file read to the end and closed (never `response.close()`: it would end the request and
    close the test's database connection)."""
    data = b"".join(response.streaming_content)
    for closer in response._resource_closers:
        closer()
    return data


def sign_url(decision):
    return reverse("portal:original_sign", args=["decision", decision.pk])


def test_an_officer_signs_a_decision_from_its_page(client_as, cast, decision, ca, django_capture_on_commit_callbacks):
    client = client_as(cast["officer"])
    assert client.get(sign_url(decision)).status_code == 200  # the confirmation page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sign_url(decision))

    assert response.status_code == 302
    version = SignedVersion.objects.of(decision, "decision").get()
    data = read(version)
    assert version.number == 1 and version.how == "portal_key" and version.sha256 == hashlib.sha256(data).hexdigest()
    assert signing.verify_pdf(data, trust_roots=[ca.root]).state == SignatureState.VALID
    assert version.signature_state == SignatureState.VALID and version.signer_name == "Cổng thông tin thi đua"
    assert "21/QĐ-UBND" in pdf_text(data)
    # The decision's own history names the version; the proposing unit is told.
    entry = LogEntry.objects.get_for_object(decision).latest("timestamp")
    assert "1" in entry.additional_data["reason"]
    assert Notification.objects.filter(recipient=cast["unit_officer"], kind="document_signed").count() == 1
    # The page shows the panel with the version, "the original", downloadable.
    page = client.get(reverse("awards:decision_detail", args=[decision.pk])).content.decode()
    assert 'data-version="1"' in page and reverse("portal:original_download", args=[version.pk]) in page
    download = client.get(reverse("portal:original_download", args=[version.pk]))
    assert downloaded(download) == data


def test_signing_again_unchanged_writes_nothing_then_a_correction_makes_version_two(
    client_as, cast, decision, tmp_path
):
    officer = cast["officer"]
    client = client_as(officer)
    first = domain.sign_with_portal(signable=signable("decision"), obj=decision, by=officer)
    old_bytes = read(first)

    response = client.post(sign_url(decision), follow=True)
    assert [str(m) for m in response.context["messages"]] == [str(domain.UNCHANGED).format(number=1)]
    assert SignedVersion.objects.of(decision, "decision").count() == 1

    Decision.objects.filter(pk=decision.pk).update(signer="Phó Chủ tịch UBND tỉnh Trần Song Tùng")
    decision.refresh_from_db()
    second = domain.sign_with_portal(signable=signable("decision"), obj=decision, by=officer)

    assert second.number == 2 and second.supersedes_id == first.pk
    assert "Trần Song Tùng" in pdf_text(read(second))
    download = client.get(reverse("portal:original_download", args=[first.pk]))
    assert downloaded(download) == old_bytes


def test_a_version_is_never_changed_nor_deleted(cast, decision):
    version = SignedVersion.objects.create(
        content_type=ContentType.objects.get_for_model(Decision),
        object_id=decision.pk,
        key="decision",
        number=1,
        file=ContentFile(b"%PDF-1.7 x", name="x.pdf"),
        sha256="0" * 64,
        source_sha256="1" * 64,
        how="portal_key",
        signature_state="valid",
        made_by=cast["officer"],
    )
    version.signer_name = "Ai đó"
    with pytest.raises(ImmutableVersion):
        version.save()
    with pytest.raises(ImmutableVersion):
        version.delete()
    with pytest.raises(ImmutableVersion):
        SignedVersion.objects.filter(pk=version.pk).update(signer_name="Ai đó")
    with pytest.raises(ImmutableVersion):
        SignedVersion.objects.filter(pk=version.pk).delete()
    assert SignedVersion.objects.get(pk=version.pk).signer_name == ""


def test_no_configured_key_is_refused_with_a_message_and_nothing_written(client_as, cast, decision):
    with override_settings(SIGNING_PKCS12_FILE="", SIGNING_PKCS11_MODULE=""):
        response = client_as(cast["officer"]).post(sign_url(decision), follow=True)

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [str(signing.SigningUnavailable.default_message)]
    assert not SignedVersion.objects.of(decision, "decision").exists()


def upload(client, decision, data, name="da-ky.pdf"):
    url = reverse("portal:original_upload", args=["decision", decision.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, data, content_type="application/pdf")}, follow=True)


def test_own_token_a_signed_copy_of_the_prepared_draft_is_accepted(client_as, cast, decision, ca, tmp_path):
    client = client_as(cast["officer"])
    draft = client.get(reverse("portal:original_prepare", args=["decision", decision.pk]))
    assert draft.status_code == 200 and draft["Content-Type"] == "application/pdf"
    signed = signing.sign_pdf(draft.content, signer=_signer(ca, tmp_path), title="CHỦ TỊCH", signer_name="Ngọc")

    response = upload(client, decision, signed)

    version = SignedVersion.objects.of(decision, "decision").get()
    assert response.redirect_chain[-1][0].endswith("#originals")
    assert version.how == "own_token" and version.signature_state == SignatureState.VALID
    assert read(version) == signed
    # The same file again adds nothing.
    upload(client, decision, signed)
    assert SignedVersion.objects.of(decision, "decision").count() == 1


def _refusals(response):
    return [str(message) for message in response.context["messages"]]


def test_own_token_untrusted_other_and_unsigned_copies_are_refused(client_as, cast, decision, stranger, ca, tmp_path):
    client = client_as(cast["officer"])
    draft = domain.prepare_for_token(signable=signable("decision"), obj=decision)
    untrusted = signing.sign_pdf(draft, signer=_signer(stranger, tmp_path), title="CHỦ TỊCH", signer_name="Lạ")
    other = signing.sign_pdf(
        html_to_pdf("<p>Quyết định khác</p>"), signer=_signer(ca, tmp_path), title="CHỦ TỊCH", signer_name="Ngọc"
    )
    before = SignedVersion.objects.count()

    refused = {
        "untrusted": _refusals(upload(client, decision, untrusted)),
        "other": _refusals(upload(client, decision, other)),
        "unsigned": _refusals(upload(client, decision, draft)),
    }

    unknown = signing.verify_pdf(untrusted)
    assert unknown.state == SignatureState.UNKNOWN_SIGNER
    assert refused["untrusted"] == [str(domain.NOT_VALID).format(reason=unknown.summary)]
    assert "Người Lạ" in refused["untrusted"][0]
    assert refused["other"] == [str(domain.NOT_THIS_DOCUMENT)]
    assert refused["unsigned"] == [str(domain.NOT_VALID).format(reason=signing.verify_pdf(draft).summary)]
    assert SignedVersion.objects.count() == before


def test_a_draft_changed_before_signing_is_refused(cast, decision, ca, tmp_path):
    """Pages rewritten in a revision between the draft and the signature: the same first bytes,
    a valid signature, yet not the draft the portal prepared."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    draft = domain.prepare_for_token(signable=signable("decision"), obj=decision)
    writer = IncrementalPdfFileWriter(io.BytesIO(draft), strict=False)
    writer.root["/Lang"] = generic.TextStringObject("en")
    writer.update_root()
    edited = io.BytesIO()
    writer.write(edited)
    signed = signing.sign_pdf(edited.getvalue(), signer=_signer(ca, tmp_path), title="CHỦ TỊCH", signer_name="Ngọc")
    upload_file = SimpleUploadedFile("x.pdf", signed, content_type="application/pdf")

    with pytest.raises(domain.OriginalsError) as refused:
        domain.accept_signed(signable=signable("decision"), obj=decision, upload=upload_file, by=cast["officer"])
    assert str(refused.value) == str(domain.CHANGED_BEFORE_SIGNING)
    assert not SignedVersion.objects.of(decision, "decision").exists()


def _add_versions(decision, count, officer):
    content_type = ContentType.objects.get_for_model(Decision)
    previous = None
    for number in range(1, count + 1):
        previous = SignedVersion.objects.create(
            content_type=content_type,
            object_id=decision.pk,
            key="decision",
            number=number,
            file=ContentFile(b"%PDF-1.7 x", name=f"v{number}.pdf"),
            sha256=f"{number:064d}",
            source_sha256=f"{number:064d}",
            how="portal_key",
            signature_state="valid",
            signer_name="Phạm Quang Ngọc",
            made_by=officer,
            supersedes=previous,
        )


def test_the_panel_s_queries_do_not_grow_with_the_versions(cast, decision):
    officer = cast["officer"]
    url = reverse("awards:decision_detail", args=[decision.pk])
    counts = {}
    for count in (1, 3):
        with rolled_back():
            _add_versions(decision, count, officer)
            client = signed_in_client(officer)
            client.get(url)  # warm the per-process caches (content types, templates)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            assert response.content.decode().count("data-version=") == count
            counts[count] = len(captured)

    assert counts[1] == counts[3]


def test_the_demo_signer_is_written_once_and_never_in_production(tmp_path, settings):
    from django.core.management import CommandError, call_command
    from pyhanko.sign import signers

    settings.VAR_DIR = tmp_path
    settings.PRODUCTION = False
    call_command("make_demo_signer")
    folder = tmp_path / "signing"
    first = (folder / "signer.p12").read_bytes()
    call_command("make_demo_signer")  # kept as it was
    assert (folder / "signer.p12").read_bytes() == first
    password = (folder / "password").read_text().encode()
    assert signers.SimpleSigner.load_pkcs12_data(first, other_certs=(), passphrase=password) is not None
    assert b"BEGIN CERTIFICATE" in (folder / "root.pem").read_bytes()

    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("make_demo_signer", stdout=io.StringIO())


def test_a_conference_summary_is_signed_by_its_term_s_lead(ca, tmp_path):
    from pyhanko.sign import signers

    from directory.models import User
    from tests.factories.directory import UserFactory
    from tests.factories.reports import ConferenceFactory

    conference = ConferenceFactory(title="Hội nghị sơ kết 6 tháng đầu năm 2019 của Cụm")
    lead = UserFactory(is_unit_officer=True, unit=conference.term.lead_unit)
    other = UserFactory(is_unit_officer=True)
    key = signable("conference")
    assert key.can_sign(lead, conference) and not key.can_sign(other, conference)
    assert not key.can_sign(User(is_council_member=True), conference)
    path = ca.write_pkcs12(tmp_path / "s.p12", "pw")
    signer = signers.SimpleSigner.load_pkcs12_data(path.read_bytes(), other_certs=(), passphrase=b"pw")

    version = domain.sign_with_portal(signable=key, obj=conference, by=lead, signer=signer)

    data = read(version)
    assert version.signature_state == SignatureState.VALID
    assert "Hội nghị sơ kết 6 tháng đầu năm 2019" in pdf_text(data)


def test_only_a_final_statistical_form_with_its_pdf_is_signed(cast, ca, tmp_path):
    from pyhanko.sign import signers

    from reports.domain.errors import ReportError
    from reports.domain.statforms.catalogue import install
    from reports.models import StatForm, StatReport
    from tests.factories.directory import UnitFactory

    install(StatForm)  # a transactional test before this module may have flushed the migration's rows
    form = StatForm.objects.order_by("pk").first()
    key = signable("statform")
    unit = UnitFactory(kind="province")
    final = StatReport.objects.create(form=form, year=2024, reporting_unit=unit, state="final", status="done")
    draft = StatReport(form=form, year=2024, reporting_unit=unit, state="draft")
    assert key.can_sign(cast["officer"], final) and not key.can_sign(cast["officer"], draft)
    with pytest.raises(ReportError):
        key.render_pdf(final)  # no PDF written yet
    final.pdf.save("form.pdf", ContentFile(html_to_pdf("<p>Biểu 0604 năm 2024</p>")), save=True)
    path = ca.write_pkcs12(tmp_path / "s.p12", "pw")
    signer = signers.SimpleSigner.load_pkcs12_data(path.read_bytes(), other_certs=(), passphrase=b"pw")

    version = domain.sign_with_portal(signable=key, obj=final, by=cast["officer"], signer=signer)

    assert version.signature_state == SignatureState.VALID and "Biểu 0604" in pdf_text(read(version))
