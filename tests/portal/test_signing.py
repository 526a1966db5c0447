"""portal.signing: PAdES signing with a Decree 30 visible signature, the attachment stamp, the signer
from settings (PKCS#12, PKCS#11 on SoftHSM) and verification, with a throwaway CA (tests/signing_ca.py).

No database. One WeasyPrint decision PDF and one signed copy per module; each test adds milliseconds.
"""

import io
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation
from PIL import Image, ImageDraw

from portal import signing
from portal.enums import SignatureState
from portal.rendering import html_to_pdf
from portal.signing import appearance, layout, service, verify
from tests.conftest import missing_service
from tests.signing_ca import make_ca

DECISION_HTML = """<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 20mm 20mm 20mm 30mm } body { font-family: "Liberation Serif"; font-size: 14pt }
</style></head><body><p>ỦY BAN NHÂN DÂN TỈNH NINH BÌNH</p><h1>QUYẾT ĐỊNH</h1>
<p>Về việc tặng Bằng khen cho các tập thể, cá nhân có thành tích xuất sắc.</p>
<p style="page-break-before: always">Điều 2. Quyết định có hiệu lực kể từ ngày ký.</p></body></html>"""
TITLE = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
NAME = "Nguyễn Văn An"
SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"


def _png(size, draw):
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw(ImageDraw.Draw(image))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


SIGNATURE_PNG = _png((400, 160), lambda d: d.rectangle((0, 0, 399, 159), fill=(0, 0, 255, 255)))
SEAL_PNG = _png((300, 300), lambda d: d.ellipse((0, 0, 299, 299), fill=(255, 0, 0, 255)))


@pytest.fixture(scope="module")
def ca():
    return make_ca()


@pytest.fixture(scope="module")
def stranger():
    return make_ca("Lạ", signer_name="Người Lạ")


@pytest.fixture(scope="module")
def pdf():
    return html_to_pdf(DECISION_HTML)


@pytest.fixture(scope="module")
def signer(ca, tmp_path_factory):
    from pyhanko.sign import signers

    path = ca.write_pkcs12(tmp_path_factory.mktemp("p12") / "signer.p12", "mat-khau")
    return signers.SimpleSigner.load_pkcs12_data(path.read_bytes(), other_certs=(), passphrase=b"mat-khau")


@pytest.fixture(scope="module")
def signed(pdf, signer):
    return signing.sign_pdf(pdf, signer=signer, title=TITLE, signer_name=NAME, reason="Ban hành", location="Ninh Bình")


@pytest.fixture(scope="module")
def signed_with_images(pdf, signer):
    return signing.sign_pdf(
        pdf, signer=signer, title="CHỦ TỊCH", signer_name=NAME, signature_image=SIGNATURE_PNG, seal_image=SEAL_PNG
    )


def _write(tmp_path, data, name="file.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _words(path, page):
    """{word: Box} in PDF points, origin bottom-left, of one page (pdftotext -bbox); a word seen
    several times keeps its lowest place on the page."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', out).group(1))
    words = {}
    for x1, y1, x2, y2, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out
    ):
        box = layout.Box(float(x1), height - float(y2), float(x2), height - float(y1))
        if word not in words or box.y1 < words[word].y1:
            words[word] = box
    return words


def _page_size(data, page_ix):
    writer = service.open_for_update(data)
    return service.page_size(writer, page_ix)


# ---------------------------------------------------------------------------
# Signing and verifying
# ---------------------------------------------------------------------------
def test_signed_decision_is_valid_for_pyhanko(signed, ca):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    embedded = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    assert len(embedded) == 1
    context = ValidationContext(trust_roots=[verify._as_asn1(ca.root)])
    status = validate_pdf_signature(embedded[0], context)
    assert status.bottom_line and status.intact and status.valid and status.trusted
    assert embedded[0].sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    with translation.override("vi"):
        verification = signing.verify_pdf(signed, trust_roots=[ca.root])
    assert verification.state == SignatureState.VALID
    assert verification.signer_name == NAME
    assert "Ủy ban nhân dân tỉnh Ninh Bình" in verification.subject
    assert "Intermediate CA" in verification.issuer
    assert verification.signed_at.utcoffset() is not None
    assert abs(verification.signed_at - datetime.now(UTC)) < timedelta(minutes=5)
    assert verification.summary.startswith(f"Chữ ký hợp lệ của {NAME}, ký lúc ")
    assert "+07:00" in verification.summary


def test_signed_decision_is_valid_for_pdfsig(signed, tmp_path):
    out = subprocess.run(["pdfsig", str(_write(tmp_path, signed))], capture_output=True, text=True)
    assert "Signature Validation: Signature is Valid." in out.stdout, out.stdout
    assert "Total document signed" in out.stdout
    assert f"Signer Certificate Common Name: {NAME}" in out.stdout


def _flip_one_signed_byte(data):
    """One byte changed inside the first signed range, in a compressed stream (the file still parses)."""
    contents = data.index(b"/Contents <")
    start = data.index(b"stream\n", data.index(b"/FlateDecode")) + len(b"stream\n") + 20
    assert start < contents
    changed = bytearray(data)
    changed[start] ^= 0x01
    return bytes(changed)


def test_one_changed_byte_fails_both_validators(signed, ca, tmp_path):
    changed = _flip_one_signed_byte(signed)
    verification = signing.verify_pdf(changed, trust_roots=[ca.root])
    assert verification.state in (SignatureState.MODIFIED, SignatureState.INVALID)
    assert verification.state == SignatureState.MODIFIED
    out = subprocess.run(["pdfsig", str(_write(tmp_path, changed))], capture_output=True, text=True)
    assert "Signature is Valid." not in out.stdout
    assert "Digest Mismatch" in out.stdout or "Signature is Invalid" in out.stdout, out.stdout


def test_untrusted_signer_is_unknown(signed, stranger, ca, pdf, tmp_path_factory):
    from pyhanko.sign import signers

    assert signing.verify_pdf(signed, trust_roots=[stranger.root]).state == SignatureState.UNKNOWN_SIGNER
    path = stranger.write_pkcs12(tmp_path_factory.mktemp("stranger") / "s.p12", "x")
    foreign = signers.SimpleSigner.load_pkcs12_data(path.read_bytes(), other_certs=(), passphrase=b"x")
    uploaded = signing.sign_pdf(pdf, signer=foreign, title="GIÁM ĐỐC", signer_name="Người Lạ")
    with translation.override("vi"):
        verification = signing.verify_pdf(uploaded, trust_roots=[ca.root])
    assert verification.state == SignatureState.UNKNOWN_SIGNER
    assert verification.signer_name == "Người Lạ"
    assert verification.summary.startswith("Không rõ người ký: chứng thư số của Người Lạ không")


def test_unsigned_and_malformed_files(pdf, signed, ca):
    with translation.override("vi"):
        assert signing.verify_pdf(pdf, trust_roots=[ca.root]).state == SignatureState.UNSIGNED
        assert signing.verify_pdf(pdf).summary == "Văn bản không có chữ ký số."
        for garbage in (b"", b"not a pdf", signed[: len(signed) // 3], b"%PDF-1.7\n" + os.urandom(500)):
            verification = signing.verify_pdf(garbage, trust_roots=[ca.root])
            assert verification.state == SignatureState.INVALID
            assert verification.summary
    with pytest.raises(signing.BadPdf):
        signing.sign_pdf(b"not a pdf", signer=None, title="x", signer_name="y")


def test_trust_roots_from_a_folder(settings, signed, ca, tmp_path):
    assert signing.verify_pdf(signed).state == SignatureState.UNKNOWN_SIGNER  # none configured
    ca.write_root(tmp_path / "root.pem")
    (tmp_path / "notes.pem").write_text("not a certificate")
    settings.SIGNING_TRUST_ROOTS = str(tmp_path)
    assert signing.verify_pdf(signed).state == SignatureState.VALID
    settings.SIGNING_TRUST_ROOTS = str(tmp_path / "root.pem")
    assert signing.verify_pdf(signed).state == SignatureState.VALID


def test_second_signature_keeps_the_first_valid_and_a_later_change_shows(signed, signer, ca):
    twice = signing.sign_pdf(signed, signer=signer, title="GIÁM ĐỐC SỞ NỘI VỤ", signer_name="Trần Thị Bình")
    verification = signing.verify_pdf(twice, trust_roots=[ca.root])
    assert verification.state == SignatureState.VALID
    assert len(verification.signatures) == 2
    # New content drawn on a page after signing: the worst signature state is the file's.
    stamped = signing.stamp_attachment(twice, number="12", symbol="QĐ-UBND", signed_at=datetime.now(UTC))
    verification = signing.verify_pdf(stamped, trust_roots=[ca.root])
    assert verification.state == SignatureState.MODIFIED
    assert {check.state for check in verification.signatures} == {SignatureState.MODIFIED}


# ---------------------------------------------------------------------------
# Where the visible signature sits (Decree 30, Appendix I)
# ---------------------------------------------------------------------------
def test_widget_and_text_stamp_sit_in_the_signers_block(signed, tmp_path):
    from pyhanko.pdf_utils.reader import PdfFileReader

    width, height = _page_size(signed, 1)
    box = layout.signature_box(width, height)
    field = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0].sig_field
    rect = [float(value) for value in field["/Rect"]]
    assert rect == pytest.approx(list(box.as_tuple()), abs=0.01)
    assert field["/P"].get_object() == PdfFileReader(io.BytesIO(signed)).root["/Pages"]["/Kids"][1].get_object()
    assert box.x2 == pytest.approx(width - 20 * layout.MM) and box.y1 == pytest.approx(20 * layout.MM)

    block = layout.signature_block(box)
    last_page = _words(_write(tmp_path, signed), 2)
    for word in ("TM.", "ỦY", "CHỦ", "TỊCH"):
        assert block.title.contains(last_page[word], tolerance=1), word
    assert block.name.contains(last_page["Nguyễn"], tolerance=1) and block.name.contains(last_page["An"], tolerance=1)
    timestamp = next(word for word in last_page if word.endswith("+07:00"))
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", timestamp)
    for word in ("Ninh", timestamp):  # the organisation (from the certificate) and the time
        assert block.middle.contains(last_page[word], tolerance=1), word
    # Title above the stamp above the name, each centred on the block.
    assert last_page["TỊCH"].y1 > last_page[timestamp].y2 > last_page[timestamp].y1 > last_page["Nguyễn"].y2
    name_centre = (last_page["Nguyễn"].x1 + last_page["An"].x2) / 2
    assert name_centre == pytest.approx(box.centre[0], abs=1.5)
    assert "Quyết" not in _words(_write(tmp_path, signed), 1)  # the first page is untouched


def _colour_box(png_path, *, page_height, test):
    """The bounding box (PDF points) of the pixels of a 72-dpi rendering that pass `test`."""
    with Image.open(png_path) as image:
        rgb = image.convert("RGB")
        pixels = rgb.load()
        xs, ys = [], []
        for y in range(rgb.height):
            for x in range(rgb.width):
                if test(pixels[x, y]):
                    xs.append(x)
                    ys.append(y)
    return layout.Box(min(xs), page_height - max(ys) - 1, max(xs) + 1, page_height - min(ys))


def test_signature_image_centred_and_seal_over_its_left_third(signed_with_images, ca, tmp_path):
    assert signing.verify_pdf(signed_with_images, trust_roots=[ca.root]).state == SignatureState.VALID
    width, height = _page_size(signed_with_images, 1)
    box = layout.signature_box(width, height)
    seal_size = layout.seal_size_points(300, 300)
    assert seal_size == pytest.approx((36 * layout.MM, 36 * layout.MM))
    block = layout.signature_block(box, signature_size=(400, 160), seal_size=seal_size)
    assert block.signature.centre == pytest.approx(block.middle.centre)
    assert block.seal.x2 == pytest.approx(block.signature.x1 + block.signature.width / 3)
    assert block.seal.centre[1] == pytest.approx(block.signature.centre[1])
    # Rendered at 72 dpi over the block only: one pixel is one point.
    path = _write(tmp_path, signed_with_images)
    x, y = int(box.x1) - 2, int(height - box.y2) - 2
    subprocess.run(
        ["pdftoppm", "-r", "72", "-f", "2", "-l", "2", "-x", str(x), "-y", str(y), "-W", "270", "-H", "180"]
        + ["-png", "-singlefile", str(path), str(tmp_path / "block")],
        check=True,
    )
    red = _colour_box(tmp_path / "block.png", page_height=180, test=lambda p: p[0] > 200 and p[1] < 80 and p[2] < 80)
    blue = _colour_box(tmp_path / "block.png", page_height=180, test=lambda p: p[2] > 200 and p[0] < 80)
    origin_x, origin_top = x, height - y

    def on_page(found):
        return layout.Box(
            found.x1 + origin_x, found.y1 + origin_top - 180, found.x2 + origin_x, found.y2 + origin_top - 180
        )

    seal, signature = on_page(red), on_page(blue)
    assert seal.as_tuple() == pytest.approx(block.seal.as_tuple(), abs=2)
    # The seal covers the signature's left third: on the row through their centres, blue shows only
    # right of the seal's edge (the seal is round: above and below, more of the signature shows).
    assert signature.x2 == pytest.approx(block.signature.x2, abs=2)
    assert signature.x1 < block.signature.x1 + block.signature.width / 3
    with Image.open(tmp_path / "block.png") as image:
        row = int(origin_top - block.seal.centre[1])
        pixels = image.convert("RGB").load()
        first_blue = next(px for px in range(270) if pixels[px, row][2] > 200 and pixels[px, row][0] < 80)
    assert first_blue + origin_x == pytest.approx(block.signature.x1 + block.signature.width / 3, abs=2)
    words = _words(path, 2)
    assert block.title.contains(words["CHỦ"], tolerance=1) and block.name.contains(words["Nguyễn"], tolerance=1)


def test_a_bad_image_is_refused(pdf, signer):
    with translation.override("vi"), pytest.raises(appearance.BadImage) as refused:
        signing.sign_pdf(pdf, signer=signer, title="x", signer_name="y", signature_image=b"GIF89a not really")
    assert "PNG hoặc JPEG" in refused.value.message


def test_attachment_stamp_top_right_of_the_first_page(pdf, tmp_path):
    moment = datetime(2026, 12, 2, 6, 30, 5, tzinfo=UTC)
    stamped = signing.stamp_attachment(pdf, number="125", symbol="QĐ-UBND", signed_at=moment)
    path = _write(tmp_path, stamped)
    width, height = _page_size(stamped, 0)
    words = _words(path, 1)
    box = layout.attachment_box(width, height)
    for word in ("125/QĐ-UBND", "2026-12-02T13:30:05+07:00"):
        assert box.contains(words[word], tolerance=1), word
        assert words[word].x2 == pytest.approx(width - 20 * layout.MM, abs=1)  # right-aligned
        assert 9 < words[word].height < 12.5  # 10 pt type
    assert words["125/QĐ-UBND"].y1 > height * 0.9
    assert "125/QĐ-UBND" not in _words(path, 2)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"TimesNewRoman|Times-Roman|Liberation-Serif\b", fonts), fonts


# ---------------------------------------------------------------------------
# The signer from settings
# ---------------------------------------------------------------------------
def test_nothing_configured_raises_signing_unavailable(settings):
    settings.SIGNING_PKCS12_FILE = settings.SIGNING_PKCS11_MODULE = ""
    assert signing.signing_configured() is None
    with translation.override("vi"), pytest.raises(signing.SigningUnavailable) as refused:
        signing.signer_from_settings()
    assert "chưa được cấu hình ký số" in refused.value.message


def test_pkcs12_from_settings(settings, ca, pdf, tmp_path):
    settings.SIGNING_PKCS11_MODULE = ""
    settings.SIGNING_PKCS12_FILE = str(ca.write_pkcs12(tmp_path / "s.p12", "bí mật"))
    (tmp_path / "password").write_text("bí mật\n", encoding="utf-8")
    settings.SIGNING_PKCS12_PASSWORD_FILE = str(tmp_path / "password")
    with signing.configured_signer() as signer:
        data = signing.sign_pdf(pdf, signer=signer, title="CHỦ TỊCH", signer_name=NAME)
    assert signing.verify_pdf(data, trust_roots=[ca.root]).state == SignatureState.VALID
    (tmp_path / "password").write_text("sai", encoding="utf-8")
    with translation.override("vi"), pytest.raises(signing.SigningUnavailable) as refused:
        signing.signer_from_settings()
    assert "sai mật khẩu" in refused.value.message
    settings.SIGNING_PKCS12_PASSWORD_FILE = str(tmp_path / "missing")
    with pytest.raises(signing.SigningUnavailable):
        signing.signer_from_settings()


@pytest.fixture(scope="module")
def softhsm_token(ca, tmp_path_factory):
    """A SoftHSM token "portal" (PIN 1234) holding the signer's key and certificate and the intermediate."""
    if not (shutil.which("softhsm2-util") and shutil.which("pkcs11-tool") and os.path.exists(SOFTHSM_MODULE)):
        missing_service("SoftHSM (Debian softhsm2 and opensc) is not installed: the PKCS#11 path is untested")
    from cryptography.hazmat.primitives.serialization import Encoding

    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    (folder / "softhsm2.conf").write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    # Read by the library when it is first loaded in this process (only this module loads it).
    os.environ["SOFTHSM2_CONF"] = str(folder / "softhsm2.conf")
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", "portal", "--so-pin", "5678", "--pin", "1234"],
        check=True,
        capture_output=True,
    )
    objects = [
        ("key.der", ca.signer_key_der(), "privkey", "01", "signer"),
        ("cert.der", ca.signer_cert_der(), "cert", "01", "signer"),
        ("mid.der", ca.intermediate.public_bytes(Encoding.DER), "cert", "02", "intermediate"),
    ]
    for name, data, kind, ident, label in objects:
        (folder / name).write_bytes(data)
        subprocess.run(
            ["pkcs11-tool", "--module", SOFTHSM_MODULE, "--token-label", "portal", "--login", "--pin", "1234"]
            + ["--write-object", str(folder / name), "--type", kind, "--id", ident, "--label", label],
            check=True,
            capture_output=True,
        )
    (folder / "pin").write_text("1234")
    (folder / "wrong-pin").write_text("0000")
    return folder


def test_pkcs11_token_with_softhsm(settings, softhsm_token, ca, pdf):
    settings.SIGNING_PKCS12_FILE = ""
    settings.SIGNING_PKCS11_MODULE = SOFTHSM_MODULE
    settings.SIGNING_PKCS11_TOKEN_LABEL = "portal"
    settings.SIGNING_PKCS11_KEY_LABEL = "signer"
    settings.SIGNING_PKCS11_PIN_FILE = str(softhsm_token / "pin")
    assert signing.signing_configured() == "pkcs11"
    with signing.configured_signer() as signer:
        data = signing.sign_pdf(pdf, signer=signer, title="CHỦ TỊCH", signer_name=NAME)
    verification = signing.verify_pdf(data, trust_roots=[ca.root])
    assert verification.state == SignatureState.VALID, verification.summary
    assert verification.signer_name == NAME
    settings.SIGNING_PKCS11_PIN_FILE = str(softhsm_token / "wrong-pin")
    with translation.override("vi"), pytest.raises(signing.SigningUnavailable) as refused:
        signing.signer_from_settings()
    assert "sai mã PIN" in refused.value.message
    settings.SIGNING_PKCS11_PIN_FILE = str(softhsm_token / "pin")
    settings.SIGNING_PKCS11_TOKEN_LABEL = "no-such-token"
    with pytest.raises(signing.SigningUnavailable):
        signing.signer_from_settings()


def test_signature_state_severity_orders_worst_last():
    order = sorted(SignatureState, key=lambda state: state.severity)
    assert order[0] == SignatureState.VALID and order[-1] == SignatureState.INVALID
    assert SignatureState.MODIFIED.severity > SignatureState.UNKNOWN_SIGNER.severity


def test_with_a_timestamp_service_the_level_is_b_lt(settings, ca, signer, pdf, tmp_path):
    """B-T (a timestamp token on the signature) and B-LT (the validation data in the file's DSS), with
    pyHanko's in-process timestamp authority standing in for SIGNING_TIMESTAMP_URL (no network)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    settings.SIGNING_TRUST_ROOTS = str(ca.write_root(tmp_path / "root.pem"))
    data = signing.sign_pdf(pdf, signer=signer, title="CHỦ TỊCH", signer_name=NAME, timestamper=ca.dummy_timestamper())
    reader = PdfFileReader(io.BytesIO(data))
    assert "/DSS" in reader.root  # long-term validation data
    signed_data = reader.embedded_signatures[0].signed_data
    unsigned = signed_data["signer_infos"][0]["unsigned_attrs"].native
    assert any(attribute["type"] == "signature_time_stamp_token" for attribute in unsigned)
    verification = signing.verify_pdf(data)
    assert verification.state == SignatureState.VALID, verification.summary
    assert verification.signed_at is not None


def test_timestamp_url_setting_chooses_an_http_timestamper(settings):
    settings.SIGNING_TIMESTAMP_URL = ""
    assert service.timestamper_from_settings() is None
    settings.SIGNING_TIMESTAMP_URL = "http://127.0.0.1:9/tsa"
    assert service.timestamper_from_settings().url == "http://127.0.0.1:9/tsa"  # never called here


def test_seal_real_size_comes_from_its_resolution():
    assert layout.seal_size_points(300, 300, (254, 254)) == pytest.approx((30 * layout.MM, 30 * layout.MM))
    assert layout.seal_size_points(300, 200) == pytest.approx((36 * layout.MM, 24 * layout.MM))
    huge = layout.signature_block(layout.signature_box(595, 842), signature_size=(4, 1), seal_size=(1000, 1000))
    assert huge.box.contains(huge.seal)  # a seal larger than the block is shrunk to fit, never enlarged
