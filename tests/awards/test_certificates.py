"""Certificates (issue 15, certificates): layout validation, the batch for the pre-printed blanks (each
field's text where the layout puts it, checked with `pdftotext -bbox`), the admin's live preview, and the
signed digital certificate with its QR code (decoded with zbarimg), refused without a signer."""

import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from awards.domain import catalogue
from awards.domain.certificates import digital, layout, printing
from awards.models import AwardRecord, CertificateLayout, Decision, IssuedCertificate
from awards.models.certificates import layout_errors
from awards.models.history import VERIFICATION_ALPHABET, new_verification_code
from portal.enums import SignatureState
from portal.signing import SigningUnavailable, verify_pdf
from tests.factories.awards import ProposalFactory, catalogue_award, legal_parameters
from tests.factories.directory import PersonFactory, UnitFactory
from tests.permissions import built_once_per_module
from tests.signing_ca import make_ca

PT = 72 / 25.4
NAMES = ["Phạm Thị Lan", "Đinh Văn Hòa"]
SCHOOL = "Trường THPT Lương Văn Tụy"
FIELDS = [
    {"field": "recipient_name", "x_mm": 60, "y_mm": 80, "width_mm": 180, "font": "DejaVu Serif", "size_pt": 22},
    {"field": "decision_number", "x_mm": 30, "y_mm": 170, "width_mm": 100, "font": "Liberation Serif", "size_pt": 12},
    {"field": "code", "x_mm": 30, "y_mm": 180, "width_mm": 100, "font": "DejaVu Sans", "size_pt": 10},
    {
        "field": "award_name",
        "x_mm": 40,
        "y_mm": 60,
        "width_mm": 217,
        "size_pt": 20,
        "align": "center",
        "uppercase": True,
    },
]


def build_objects(cast):
    legal_parameters()
    proposal = ProposalFactory(unit=cast["member_unit"], year=2025, state="decided")
    decision = Decision.objects.create(
        proposal=proposal,
        number="2968/QĐ-UBND",
        signed_on=date(2025, 12, 22),
        signer="Chủ tịch UBND tỉnh Phạm Quang Ngọc",
        level="provincial",
        base_salary=Decimal(2340000),
        created_by=cast["officer"],
    )
    individual = catalogue_award(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL)
    CertificateLayout.objects.create(award=individual, page_width_mm=297, page_height_mm=210, fields=FIELDS)
    records = [
        AwardRecord.objects.create(
            award=individual,
            recipient_name=name,
            person=PersonFactory(full_name=name, unit=cast["member_unit"]),
            unit=cast["member_unit"],
            year=2025,
            decision=decision,
            decision_number=decision.number,
            decided_on=decision.signed_on,
            source="decision",
        )
        for name in NAMES
    ]
    school = UnitFactory(name=SCHOOL)
    records.append(
        AwardRecord.objects.create(
            award=catalogue_award(catalogue.CHAIRMAN_CERTIFICATE_COLLECTIVE),  # no layout: the default blank
            recipient_name=SCHOOL,
            unit=school,
            is_collective=True,
            year=2025,
            decision=decision,
            decision_number=decision.number,
            decided_on=decision.signed_on,
            source="decision",
        )
    )
    return {"decision": decision.pk, "records": [record.pk for record in records], "award": individual.pk}


shared_data = built_once_per_module(build_objects)


def _words(data, tmp_path):
    """[(page number, word, x1, y_top)] in points from the top-left corner (pdftotext -bbox)."""
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    words = []
    for number, page in enumerate(out.split("<page ")[1:], start=1):
        for x1, y1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', page
        ):
            words.append((number, word, float(x1), float(y1)))
    return words


def _first(words, page, word):
    found = [entry for entry in words if entry[0] == page and entry[1] == word]
    assert found, f"{word!r} not on page {page}: {[w[1] for w in words if w[0] == page]}"
    return found[0]


def _at(entry, x_mm, y_mm):
    _page, _word, x, y = entry
    assert abs(x - x_mm * PT) <= 2, (x, x_mm * PT)
    assert abs(y - y_mm * PT) <= 2, (y, y_mm * PT)


# ---------------------------------------------------------------------------
# Layouts
# ---------------------------------------------------------------------------
def test_default_layouts_are_valid_and_a_giay_khen_is_portrait():
    for fields, (width, height) in ((layout.LANDSCAPE_FIELDS, (297, 210)), (layout.PORTRAIT_FIELDS, (210, 297))):
        assert layout_errors(fields, page_width_mm=width, page_height_mm=height)[0] == []
    assert layout.is_portrait_award(type("A", (), {"code": "GK-CN"})())
    assert not layout.is_portrait_award(type("A", (), {"code": "BKCT-CN"})())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"field": "birth_date"}, "Trường 1 (birth_date): trường phải là một trong"),
        ({"x_mm": 400}, "x_mm phải là một số từ 0 đến chiều rộng trang (297 mm)"),
        ({"x_mm": 250}, "vượt quá mép phải của trang"),
        ({"y_mm": "abc"}, "y_mm phải là một số"),
        ({"font": "Comic Sans"}, "phông chữ phải là một trong DejaVu Serif"),
        ({"size_pt": 0}, "size_pt phải là một số từ 4 đến 96"),
        ({"align": "justify"}, "căn lề phải là left, center hoặc right"),
        ({"bold": "yes"}, "bold phải là true hoặc false"),
        ({"colour": "red"}, "khóa không hợp lệ colour"),
    ],
)
def test_a_bad_field_is_refused_naming_it(change, message):
    fields = [{**FIELDS[0], **change}]
    with translation.override("vi"):
        errors, cleaned = layout_errors(fields, page_width_mm=297, page_height_mm=210)
    assert cleaned == []
    assert any(message in error for error in errors), errors


def test_typed_numbers_are_read_the_portals_way_and_clean_refuses_an_empty_list():
    errors, cleaned = layout_errors([{**FIELDS[0], "x_mm": "12,5"}], page_width_mm=297, page_height_mm=210)
    assert errors == [] and cleaned[0]["x_mm"] == 12.5 and cleaned[0]["align"] == "left"
    layout_row = CertificateLayout(page_width_mm=297, page_height_mm=210, fields=[])
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        layout_row.clean()
    assert "ít nhất một trường" in str(refused.value.message_dict["fields"])
    with translation.override("vi"):
        assert "rộng và chiều cao" in layout_errors(FIELDS, page_width_mm=20, page_height_mm=210)[0][0]


@pytest.mark.django_db
def test_verification_codes_are_random_short_and_unambiguous(shared_data):
    codes = {new_verification_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(len(code) == 10 and set(code) <= set(VERIFICATION_ALPHABET) for code in codes)
    assert not set("01ILO") & set(VERIFICATION_ALPHABET)
    stored = list(
        AwardRecord.objects.filter(pk__in=shared_data.objects["records"]).values_list("verification_code", flat=True)
    )
    assert len(set(stored)) == 3 and all(len(code) == 10 for code in stored)


# ---------------------------------------------------------------------------
# The batch for the pre-printed blanks
# ---------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.django_db
def test_batch_puts_each_field_at_its_place_one_page_per_awardee(shared_data, tmp_path):
    decision = Decision.objects.get(pk=shared_data.objects["decision"])
    data = printing.batch_pdf(decision)
    words = _words(data, tmp_path)
    records = {r.recipient_name: r for r in AwardRecord.objects.filter(pk__in=shared_data.objects["records"])}
    for page, name in ((2, NAMES[0]), (3, NAMES[1])):  # in the annex's order: the collective's award ranks first
        _at(_first(words, page, name.split()[0]), 60, 80)
        _at(_first(words, page, "Quyết"), 30, 170)
        _at(_first(words, page, "Mã"), 30, 180)
        assert _first(words, page, records[name].verification_code)
        assert _first(words, page, "BẰNG")[3] == pytest.approx(60 * PT, abs=2)  # centred: only its top
    default = {f["field"]: f for f in layout.LANDSCAPE_FIELDS}["recipient_name"]  # the school's award: no layout
    assert _first(words, 1, "Trường")[3] == pytest.approx(default["y_mm"] * PT, abs=2)
    assert {w[0] for w in words} == {1, 2, 3}
    size = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()
    assert "841.89 x 595.276" in size or "841.89 x 595.28" in size  # A4 landscape


@pytest.mark.django_db
def test_a_changed_layout_moves_the_text(shared_data, tmp_path):
    decision = Decision.objects.get(pk=shared_data.objects["decision"])
    CertificateLayout.objects.filter(award_id=shared_data.objects["award"]).update(
        fields=[{**FIELDS[0], "x_mm": 100, "y_mm": 120}, *FIELDS[1:]]
    )
    words = _words(printing.batch_pdf(decision), tmp_path)
    _at(_first(words, 2, "Phạm"), 100, 120)


# ---------------------------------------------------------------------------
# The administrator's live preview
# ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_preview_draws_the_unsaved_layout_or_lists_its_errors(client_as, cast, shared_data, tmp_path):
    import json

    client = client_as(cast["administrator"])
    url = reverse("awards:certificate_layout_preview")
    good = {"award": shared_data.objects["award"], "page_width_mm": "297", "page_height_mm": "210"}
    response = client.post(url, {**good, "fields": json.dumps(FIELDS)})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    _at(_first(_words(response.content, tmp_path), 1, "Nguyễn"), 60, 80)
    with translation.override("vi"):
        bad = client.post(url, {**good, "fields": json.dumps([{**FIELDS[0], "x_mm": 999}])}, HTTP_ACCEPT_LANGUAGE="vi")
        broken = client.post(url, {**good, "fields": "[{"}, HTTP_ACCEPT_LANGUAGE="vi")
        nowhere = client.post(url, {"award": "abc", "page_width_mm": "x", "fields": "[]"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert bad.status_code == 400 and "x_mm phải là một số" in bad.content.decode()
    assert broken.status_code == 400 and "không phải JSON hợp lệ" in broken.content.decode()
    assert nowhere.status_code == 400 and "khen thưởng đã chọn không tồn tại" in nowhere.content.decode()
    assert "frame-ancestors 'self'" in bad["Content-Security-Policy"]


@pytest.mark.django_db
def test_admin_change_form_has_the_preview_frame(client_as, cast, shared_data):
    layout_row = CertificateLayout.objects.get(award_id=shared_data.objects["award"])
    response = client_as(cast["administrator"]).get(
        reverse("admin:awards_certificatelayout_change", args=[layout_row.pk])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="certificate-preview"' in page and "js/certificate_preview.js" in page
    assert f'formaction="{reverse("awards:certificate_layout_preview")}"' in page


# ---------------------------------------------------------------------------
# The signed digital certificate
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ca():
    return make_ca()


@pytest.fixture
def signing_on(settings, ca, tmp_path):
    settings.SIGNING_PKCS11_MODULE = ""
    settings.SIGNING_PKCS12_FILE = str(ca.write_pkcs12(tmp_path / "s.p12", "mat-khau"))
    (tmp_path / "password").write_text("mat-khau", encoding="utf-8")
    settings.SIGNING_PKCS12_PASSWORD_FILE = str(tmp_path / "password")
    settings.SIGNING_TRUST_ROOTS = str(ca.write_root(tmp_path / "root.pem"))
    return settings


def _qr_payloads(data, tmp_path):
    (tmp_path / "c.pdf").write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(tmp_path / "c.pdf"), str(tmp_path / "c")],
        check=True,
    )
    image = next(tmp_path.glob("c*.png"))
    out = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True)
    return out.stdout.split()


@pytest.mark.slow
@pytest.mark.django_db
def test_digital_certificate_is_signed_valid_and_carries_its_qr(signing_on, ca, shared_data, cast, tmp_path):
    record = AwardRecord.objects.select_related("award", "unit", "decision", "nominee").get(
        pk=shared_data.objects["records"][0]
    )
    with override_settings(PORTAL_URL="https://thiduakhenthuong.ninhbinh.gov.vn"):
        certificate = digital.issue_certificate(record=record, by=cast["officer"])
        again = digital.issue_certificate(record=record, by=cast["officer"])
    assert again.pk == certificate.pk  # the same content is not signed twice
    with certificate.file.open("rb") as stored:
        data = stored.read()
    assert verify_pdf(data, trust_roots=[ca.root]).state == SignatureState.VALID
    assert certificate.signature_state == SignatureState.VALID  # verified when it was stored
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    assert "Phạm Thị Lan" in text and "2968/QĐ-UBND" in text and record.verification_code in text
    expected = f"https://thiduakhenthuong.ninhbinh.gov.vn/verify/{record.verification_code}/"
    if shutil.which("zbarimg"):
        assert _qr_payloads(data, tmp_path) == [expected]
    else:  # pragma: no cover (zbar-tools comes with scripts/install-system-packages)
        assert digital.qr_svg_uri(expected) in digital.certificate_html(record)
    record.recipient_name = "Phạm Thị Lan Anh"
    with override_settings(PORTAL_URL="https://thiduakhenthuong.ninhbinh.gov.vn"):
        corrected = digital.issue_certificate(record=record, by=cast["officer"])
    assert corrected.pk != certificate.pk and IssuedCertificate.objects.filter(record=record).count() == 2


@pytest.mark.django_db
def test_without_a_signer_the_digital_certificate_is_refused(settings, shared_data, cast, client_as):
    settings.SIGNING_PKCS12_FILE = settings.SIGNING_PKCS11_MODULE = ""
    record = AwardRecord.objects.get(pk=shared_data.objects["records"][0])
    with pytest.raises(SigningUnavailable):
        digital.issue_certificate(record=record, by=cast["officer"])
    response = client_as(cast["officer"]).post(
        reverse("awards:record_certificate", args=[record.pk]), HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert response.status_code == 400
    assert "chưa được cấu hình ký số" in response.content.decode()
    assert not IssuedCertificate.objects.filter(record=record).exists()


@pytest.mark.django_db
def test_decision_page_links_the_batch_and_each_certificate(client_as, cast, shared_data):
    url = reverse("awards:decision_detail", args=[shared_data.objects["decision"]])
    officer_page = client_as(cast["officer"]).get(url).content.decode()
    assert reverse("awards:decision_certificates", args=[shared_data.objects["decision"]]) in officer_page
    assert officer_page.count("data-digital-certificate=") == 3
    unit_page = client_as(cast["unit_officer"]).get(url).content.decode()
    assert "data-print-certificates" not in unit_page
    assert unit_page.count("data-digital-certificate=") == 2  # its own two people, not the school


# ---------------------------------------------------------------------------
# Demo
# ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_demo_layouts_and_code(client, shared_data, cast, settings):
    from awards.domain import demo_certificates

    settings.SIGNING_PKCS12_FILE = settings.SIGNING_PKCS11_MODULE = ""  # no demo signer: no certificate
    awards = {code: catalogue_award(code) for code in demo_certificates.LAYOUT_AWARDS}
    demo_certificates.seed_certificates(awards, cast["officer"])
    demo_certificates.seed_certificates(awards, cast["officer"])  # idempotent
    sizes = dict(CertificateLayout.objects.values_list("award__code", "page_width_mm"))
    assert sizes["GK-CN"] == 210 and sizes[catalogue.CHAIRMAN_CERTIFICATE_COLLECTIVE] == 297
    assert sizes[catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL] == 297  # the module's own layout kept
    assert client.get(reverse("public:verify", args=[demo_certificates.DEMO_CODE])).status_code == 200
    assert client.get(reverse("public:verify", args=[demo_certificates.UNKNOWN_CODE])).status_code == 404
    assert not IssuedCertificate.objects.exists()
