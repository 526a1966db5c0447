"""The signer configured by the environment, and signing a PDF (PAdES) with a visible signature.

Which signer: a PKCS#12 file (SIGNING_PKCS12_FILE + SIGNING_PKCS12_PASSWORD_FILE) or a PKCS#11
token or HSM (SIGNING_PKCS11_MODULE + SIGNING_PKCS11_TOKEN_LABEL + SIGNING_PKCS11_KEY_LABEL +
SIGNING_PKCS11_PIN_FILE), the first that is set; with neither, `SigningUnavailable`. Secrets are
read from their files when a signer is made, never kept in settings. Levels: PAdES B-B; B-T with
a timestamp from SIGNING_TIMESTAMP_URL, and then B-LT (validation data embedded in the file).
"""

import binascii
import io
import uuid
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pyhanko.pdf_utils import content
from pyhanko.pdf_utils.reader import PdfFileReader

from portal.errors import DomainError

from .appearance import attachment_pdf, image_info, signature_pdf
from .clock import iso_vietnam, vietnam_now
from .layout import attachment_box, seal_size_points, signature_block, signature_box
from .loops import outside_event_loop


class SigningUnavailable(DomainError):
    default_message = _(
        "Digital signing is not configured on this portal (no PKCS#12 file and no PKCS#11 token), "
        "so the document was not signed."
    )


class SigningFailed(DomainError):
    default_message = _("The document could not be signed; nothing was changed.")


class BadPdf(DomainError):
    default_message = _("The file is not a readable PDF document.")


def _secret(path_setting):
    path = getattr(settings, path_setting, "")
    if not path:
        return None
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError:
        raise SigningUnavailable(
            _("The signing secret file named by {setting} cannot be read.").format(setting=path_setting)
        ) from None


def signing_configured():
    """Which signer the settings choose: "pkcs12", "pkcs11" or None (signing off)."""
    if getattr(settings, "SIGNING_PKCS12_FILE", ""):
        return "pkcs12"
    if getattr(settings, "SIGNING_PKCS11_MODULE", ""):
        return "pkcs11"
    return None


def signer_from_settings():
    """A pyHanko signer from the settings; SigningUnavailable when none is configured or it fails.

    Side effects: reads the key and secret files; for PKCS#11, opens a session on the token (the
    signer keeps it: close it with `close_signer`, or use `portal.signing.configured_signer()`).
    """
    kind = signing_configured()
    if kind == "pkcs12":
        return _pkcs12_signer()
    if kind == "pkcs11":
        return _pkcs11_signer()
    raise SigningUnavailable()


def _pkcs12_signer():
    from pyhanko.sign import signers

    password = _secret("SIGNING_PKCS12_PASSWORD_FILE")
    try:
        data = Path(settings.SIGNING_PKCS12_FILE).read_bytes()
    except OSError:
        raise SigningUnavailable(_("The signing key file (SIGNING_PKCS12_FILE) cannot be read.")) from None
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(
            data, other_certs=(), passphrase=password.encode() if password else None
        )
    except (ValueError, TypeError):
        signer = None
    if signer is None:
        raise SigningUnavailable(
            _("The signing key file (SIGNING_PKCS12_FILE) cannot be opened: wrong password or not PKCS#12.")
        )
    return signer


def _pkcs11_signer():
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign import pkcs11

    label = settings.SIGNING_PKCS11_KEY_LABEL or None
    try:
        session = pkcs11.open_pkcs11_session(
            settings.SIGNING_PKCS11_MODULE,
            token_criteria=TokenCriteria(label=settings.SIGNING_PKCS11_TOKEN_LABEL or None),
            user_pin=_secret("SIGNING_PKCS11_PIN_FILE"),
        )
    except SigningUnavailable:
        raise
    except Exception:  # python-pkcs11 raises many unrelated classes (no token, bad PIN, no module)
        raise SigningUnavailable(
            _("The signing token (SIGNING_PKCS11_MODULE) cannot be opened: no such token or wrong PIN.")
        ) from None
    # Hashing on the host and only the raw signature on the token (CKM_ECDSA, CKM_RSA_PKCS): every
    # token has those, while the combined ones (CKM_ECDSA_SHA256...) are missing on many (SoftHSM).
    # Every certificate on the token is embedded (other_certs_to_pull=None): the CA's intermediates
    # usually sit there beside the signer's, and a verifier needs them to build the chain.
    return pkcs11.PKCS11Signer(
        session, cert_label=label, key_label=label, use_raw_mechanism=True, other_certs_to_pull=None
    )


def close_signer(signer):
    """Close a PKCS#11 signer's session (nothing to do for a PKCS#12 signer)."""
    session = getattr(signer, "pkcs11_session", None)
    if session is not None:
        session.close()


def timestamper_from_settings():
    """An RFC 3161 client for SIGNING_TIMESTAMP_URL, or None (then the level is B-B)."""
    url = getattr(settings, "SIGNING_TIMESTAMP_URL", "")
    if not url:
        return None
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(url)


class PdfBytesPage(content.ImportedPdfPage):
    """pyHanko's ImportedPdfPage (first page of another PDF as a form XObject), from bytes."""

    def __init__(self, data):
        super().__init__(file_name=None, page_ix=0)
        self.data = data

    def render(self):
        xobj = self._ensure_writer.import_page_as_xobject(PdfFileReader(io.BytesIO(self.data)), page_ix=0)
        name = b"/Import" + binascii.hexlify(uuid.uuid4().bytes)
        self.resources.xobject[name.decode("ascii")] = xobj
        x1, y1, x2, y2 = xobj.get_object()["/BBox"]
        self.box = content.BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
        return name + b" Do"


def static_style(page_pdf):
    """A pyHanko stamp style that draws `page_pdf`'s first page exactly over the box."""
    from pyhanko.pdf_utils import layout as pdf_layout
    from pyhanko.stamp import StaticStampStyle

    return StaticStampStyle(
        background=PdfBytesPage(page_pdf),
        border_width=0,
        background_opacity=1.0,
        background_layout=pdf_layout.SimpleBoxLayoutRule(
            x_align=pdf_layout.AxisAlignment.ALIGN_MID,
            y_align=pdf_layout.AxisAlignment.ALIGN_MID,
            margins=pdf_layout.Margins.uniform(0),
        ),
    )


def open_for_update(data):
    """An incremental writer over `data`; BadPdf when it is not a PDF pyHanko can read."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(bytes(data)), strict=False)
        writer.prev.root["/Pages"]  # noqa: B018 (touch the page tree now)
    except Exception:  # pyHanko raises PdfReadError, KeyError, ValueError... on garbage
        raise BadPdf() from None
    return writer


def page_size(writer, page_ix):
    """(width, height) in points of page `page_ix` (its MediaBox, inherited or not)."""
    page_ref, _resources = writer.prev.find_page_for_modification(page_ix)
    node = page_ref.get_object()
    while "/MediaBox" not in node and "/Parent" in node:
        node = node["/Parent"].get_object()
    x1, y1, x2, y2 = (float(value) for value in node["/MediaBox"])
    return abs(x2 - x1), abs(y2 - y1)


def page_count(writer):
    return int(writer.prev.root["/Pages"]["/Count"])


def _organisation(signer):
    subject = signer.signing_cert.subject.native if signer.signing_cert is not None else {}
    return subject.get("organization_name", "") or ""


def _signature_sizes(signature_image, seal_image):
    signature_size = seal_size = None
    if signature_image:
        width, height, _dpi, _mime = image_info(signature_image)
        signature_size = (width, height)
    if seal_image:
        width, height, dpi, _mime = image_info(seal_image)
        seal_size = seal_size_points(width, height, dpi)
    return signature_size, seal_size


def sign_pdf(
    data,
    *,
    signer,
    box_for=signature_box,
    title,
    signer_name,
    signature_image=None,
    seal_image=None,
    reason="",
    location="",
    organisation=None,
    timestamper=None,
    signed_at=None,
):
    """The PDF `data` signed (PAdES) by `signer` with a visible signature on its last page.

    `box_for(page_width, page_height)` gives the signer's block (layout.Box); inside it the title,
    the signature image, the seal over its left third and the name (layout.signature_block), or,
    without images, a text stamp: signer, organisation (from the certificate unless given) and the
    time in ISO 8601 Vietnam time. The timestamp comes from `timestamper`, else
    SIGNING_TIMESTAMP_URL (B-T, and B-LT with the validation data); without one, B-B.
    Side effects: none (returns new bytes; may call the timestamp service and the certificate
    authority's OCSP/CRL when B-LT). Raises BadPdf, appearance.BadImage, SigningFailed.
    """
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import SigSeedSubFilter

    writer = open_for_update(data)
    last = page_count(writer) - 1
    box = box_for(*page_size(writer, last))
    signature_size, seal_size = _signature_sizes(signature_image, seal_image)
    block = signature_block(box, signature_size=signature_size, seal_size=seal_size)
    moment = signed_at or vietnam_now()
    stamp_lines = ()
    if not signature_image:
        stamp_lines = (
            gettext("Signed by: {name}").format(name=signer_name),
            gettext("Organisation: {name}").format(name=organisation or _organisation(signer) or title),
            gettext("Time: {time}").format(time=iso_vietnam(moment)),
        )
    page = signature_pdf(
        block,
        title=title,
        signer_name=signer_name,
        signature_image=signature_image,
        seal_image=seal_image,
        stamp_lines=stamp_lines,
    )
    existing = len(list(fields.enumerate_sig_fields(writer.prev)))
    field_name = f"Signature{existing + 1}"
    timestamper = timestamper or timestamper_from_settings()
    long_term = timestamper is not None
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=reason or None,
        location=location or None,
        name=signer_name,
        embed_validation_info=long_term,
        validation_context=_long_term_context() if long_term else None,
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer,
        timestamper=timestamper,
        stamp_style=static_style(page),
        new_field_spec=fields.SigFieldSpec(sig_field_name=field_name, on_page=last, box=box.as_tuple()),
    )
    out = io.BytesIO()
    try:
        outside_event_loop(pdf_signer.sign_pdf, writer, output=out)
    except DomainError:
        raise
    except Exception as failure:  # pyHanko's SigningError, a token's PKCS11Error, a network error
        raise SigningFailed() from failure
    return out.getvalue()


def _long_term_context():
    from pyhanko_certvalidator import ValidationContext

    from .verify import trust_roots_from_settings

    return ValidationContext(trust_roots=trust_roots_from_settings(), allow_fetching=True)


def stamp_attachment(data, *, number, symbol, signed_at):
    """`data` with "number/symbol" and the signing time at the top right of its first page.

    Decree 30 (Appendix I) for an attachment: no image, the number and symbol of the main document
    and the signing time (ISO 8601, Vietnam time), Times New Roman 10, at the top right of the first
    page. Returns new bytes (an incremental update); sign the result afterwards if needed.
    Side effects: none. Raises BadPdf.
    """
    writer = open_for_update(data)
    box = attachment_box(*page_size(writer, 0))
    lines = (f"{number}/{symbol}" if number else str(symbol), iso_vietnam(signed_at))
    stamp = static_style(attachment_pdf(box, lines)).create_stamp(writer, _constraints(box), {})
    stamp.apply(0, box.x1, box.y1)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _constraints(box):
    from pyhanko.pdf_utils.layout import BoxConstraints

    return BoxConstraints(width=box.width, height=box.height)
