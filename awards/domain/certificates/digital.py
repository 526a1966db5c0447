"""The digital certificate: a full certificate PDF (the award's wording, a QR code of its public
verification page), signed with the portal's signer (PAdES, portal.signing), kept as issued."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal.rendering import html_to_pdf
from portal.signing import SigningUnavailable, configured_signer, sign_pdf, signing_configured

from ...enums import ConferringAuthority
from ...models import IssuedCertificate
from ..decision_document import province_name, province_place
from .layout import content_key, is_portrait_award, record_values, verify_url

# Changing the certificate's design changes this, so an unchanged record gets the new design once.
DESIGN = "digital-1"
AUTHORITY = {
    ConferringAuthority.PRESIDENT: "CHỦ TỊCH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ConferringAuthority.PRIME_MINISTER: "THỦ TƯỚNG CHÍNH PHỦ",
}


def qr_svg_uri(payload):
    """The QR code of `payload` as an SVG data: URI (segno; error correction M, 4-module border)."""
    import segno

    return segno.make(payload, error="m", micro=False).svg_data_uri(scale=4, border=4, dark="#000")


def authority_line(award):
    if award.conferred_by in AUTHORITY:
        return AUTHORITY[award.conferred_by]
    if award.conferred_by == ConferringAuthority.PROVINCIAL_CHAIRMAN:
        return f"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH {province_name().upper()}"
    return ""


def certificate_html(record, values=None):
    """The certificate as HTML for WeasyPrint, always in Vietnamese."""
    values = values or record_values(record)
    portrait = is_portrait_award(record.award)
    url = verify_url(record)
    context = {
        "values": values,
        "portrait": portrait,
        "page_size": "210mm 297mm" if portrait else "297mm 210mm",
        "authority": authority_line(record.award),
        "qr": qr_svg_uri(url),
        "verify_url": url,
        "code": record.verification_code,
        "award_title": values["award_name"].upper(),
    }
    with translation.override("vi"):
        return render_to_string("awards/certificates/digital.html", context)


def certificate_pdf(record, values=None):
    """The certificate unsigned (what is signed; never handed out as a digital certificate)."""
    return html_to_pdf(certificate_html(record, values))


def _signer_lines(values):
    """(title, name) above and below the signature; a record without a decision signs as the province."""
    title = values["signer_title"] or f"ỦY BAN NHÂN DÂN TỈNH {province_name().upper()}"
    return title, values["signer_name"] or province_place()


def latest_certificate(record):
    return record.certificates.order_by("-signed_at", "-pk").first()


def issue_certificate(*, record, by):
    """The record's signed digital certificate: the one already issued when the record still shows
    the same content, else a new one, signed now.

    Refused with SigningUnavailable's message (and nothing written) when the portal has no signer:
    there is no unsigned digital certificate. Side effects: renders and signs a PDF (the signer's
    token or key file is used), writes the file to storage and one IssuedCertificate row (audited),
    whose signature state is verified on save. Raises SigningUnavailable, SigningFailed.
    """
    if signing_configured() is None:
        raise SigningUnavailable()
    values = record_values(record)
    key = content_key({**values, "design": DESIGN, "url": verify_url(record)})
    existing = record.certificates.filter(content_key=key).order_by("-signed_at", "-pk").first()
    if existing is not None and existing.file and existing.file.storage.exists(existing.file.name):
        return existing
    pdf = certificate_pdf(record, values)
    title, name = _signer_lines(values)
    with configured_signer() as signer:
        signed = sign_pdf(
            pdf,
            signer=signer,
            title=title,
            signer_name=name,
            reason=f"Khen thưởng: {values['award_name']}",
            location=province_place(),
        )
    certificate = IssuedCertificate(
        record=record,
        sha256=hashlib.sha256(signed).hexdigest(),
        content_key=key,
        signed_at=timezone.now(),
        issued_by=by,
    )
    with transaction.atomic():
        certificate.file.save(f"{record.verification_code}.pdf", ContentFile(signed), save=False)
        certificate.save()
    return certificate


def file_name(record):
    return f"chung-nhan-{record.verification_code}.pdf"
