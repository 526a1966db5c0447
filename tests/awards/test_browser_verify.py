"""An anonymous visitor scans a signed certificate's QR code (the address decoded from the PDF with
zbarimg) and opens it in Chromium: recipient, award, decision number and a valid signature."""

import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest

from awards.domain import catalogue
from awards.domain.certificates.digital import issue_certificate, verify_url
from awards.models import AwardRecord, Decision
from tests.factories.awards import ProposalFactory, catalogue_award, legal_parameters
from tests.signing_ca import make_ca


def _scanned(data, tmp_path):
    """The QR code's payload, read from the first page at 150 dpi (zbarimg), or the known address without it."""
    (tmp_path / "c.pdf").write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", str(tmp_path / "c.pdf"), str(tmp_path / "c")], check=True
    )
    out = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(tmp_path / "c.png")], capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_anonymous_visitor_opens_a_certificates_qr_address(page, live_server, officer, settings, tmp_path):
    ca = make_ca()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PORTAL_URL = live_server.url
    settings.SIGNING_PKCS11_MODULE = ""
    settings.SIGNING_PKCS12_FILE = str(ca.write_pkcs12(tmp_path / "s.p12", "mat-khau"))
    (tmp_path / "password").write_text("mat-khau", encoding="utf-8")
    settings.SIGNING_PKCS12_PASSWORD_FILE = str(tmp_path / "password")
    settings.SIGNING_TRUST_ROOTS = str(ca.write_root(tmp_path / "root.pem"))
    legal_parameters()
    decision = Decision.objects.create(
        proposal=ProposalFactory(unit=officer.unit, year=2025, state="decided"),
        number="2968/QĐ-UBND",
        signed_on=date(2025, 12, 22),
        signer="Chủ tịch UBND tỉnh Phạm Quang Ngọc",
        base_salary=Decimal(2340000),
        created_by=officer,
    )
    record = AwardRecord.objects.create(
        award=catalogue_award(catalogue.CHAIRMAN_CERTIFICATE_COLLECTIVE),
        recipient_name="Trường THPT Lương Văn Tụy",
        unit=officer.unit,
        is_collective=True,
        year=2025,
        decision=decision,
        decision_number=decision.number,
        decided_on=decision.signed_on,
        source="decision",
    )
    # Beside Playwright's event loop: portal.signing runs pyHanko in a thread of its own.
    certificate = issue_certificate(record=record, by=officer)
    with certificate.file.open("rb") as stored:
        data = stored.read()
    address = _scanned(data, tmp_path) if shutil.which("zbarimg") else verify_url(record)
    assert address == f"{live_server.url}/verify/{record.verification_code}/"

    page.goto(address)  # nobody signed in
    assert page.locator("[data-recipient]").inner_text() == "Trường THPT Lương Văn Tụy"
    assert page.locator("[data-award]").inner_text() == "Bằng khen của Chủ tịch UBND tỉnh (tập thể)"
    assert page.locator("[data-decision]").inner_text() == "2968/QĐ-UBND"
    badge = page.locator("[data-signature=valid]")
    assert badge.count() == 1
    assert "hợp lệ" in badge.inner_text()
