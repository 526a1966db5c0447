"""Verifying the signatures of a PDF (an uploaded one or one the portal signed).

Every signature is checked with pyHanko's validator: integrity (the signed byte range's digest),
the cryptographic signature, the certificate chain against the trust roots (SIGNING_TRUST_ROOTS, a
PEM file or a folder of them; none configured = no signer is known), and what was changed after
signing (a later signature or form filling is allowed, anything else is "modified"). The file's
state is the worst of its signatures'. A file that cannot be read is "invalid", never an exception.
"""

import io
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.enums import SignatureState

from .clock import iso_vietnam
from .loops import outside_event_loop

logger = logging.getLogger(__name__)

CERTIFICATE_SUFFIXES = {".pem", ".crt", ".cer", ".der"}
# A signer's certificate must allow signing (many real certificates carry only one of the two).
KEY_USAGES = {"non_repudiation", "digital_signature"}
UNKNOWN_SIGNER_PROBLEMS = {"NO_CERTIFICATE_CHAIN_FOUND", "CHAIN_CONSTRAINTS_FAILURE"}
# Why a signature is not valid: each a whole sentence about the signer (the summary shows it).
REASONS = {
    "changed": gettext_lazy("Modified after signing: the content {signer} signed was changed."),
    "mismatch": gettext_lazy("Invalid signature: the signature of {signer} does not match its certificate."),
    "partial": gettext_lazy("Modified after signing: the signature of {signer} does not cover the whole document."),
    "updated": gettext_lazy("Modified after signing: the document was changed after {signer} signed it."),
    "timestamp": gettext_lazy("Invalid signature: the timestamp of the signature of {signer} is not valid."),
    "revoked": gettext_lazy("Invalid signature: the certificate of {signer} was revoked."),
    "untrusted": gettext_lazy(
        "Unknown signer: the certificate of {signer} is not issued by a trusted certification authority."
    ),
    "certificate": gettext_lazy(
        "Invalid signature: the certificate of {signer} is not valid (expired or not allowed to sign)."
    ),
}


@dataclass(frozen=True)
class SignatureCheck:
    """One signature of the file: its state and who signed, when."""

    field_name: str
    state: SignatureState
    signer_name: str = ""
    subject: str = ""
    issuer: str = ""
    signed_at: datetime | None = None
    detail: str = ""


@dataclass(frozen=True)
class Verification:
    """The file's state (the worst of its signatures'), the worst signature's details, a summary."""

    state: SignatureState
    summary: str
    signatures: tuple = ()

    @property
    def worst(self):
        if not self.signatures:
            return None
        return max(self.signatures, key=lambda check: check.state.severity)

    @property
    def signer_name(self):
        return self.worst.signer_name if self.worst else ""

    @property
    def subject(self):
        return self.worst.subject if self.worst else ""

    @property
    def issuer(self):
        return self.worst.issuer if self.worst else ""

    @property
    def signed_at(self):
        return self.worst.signed_at if self.worst else None


def _load_certificates(data):
    from asn1crypto import pem, x509

    if pem.detect(data):
        return [x509.Certificate.load(der) for _kind, _headers, der in pem.unarmor(data, multiple=True)]
    return [x509.Certificate.load(data)]


def load_trust_roots(source):
    """Certificates from a PEM/DER file or every certificate file of a folder (unreadable ones logged)."""
    if not source:
        return []
    path = Path(source)
    files = sorted(p for p in path.iterdir() if p.suffix.lower() in CERTIFICATE_SUFFIXES) if path.is_dir() else [path]
    roots = []
    for file in files:
        try:
            roots.extend(_load_certificates(file.read_bytes()))
        except (OSError, ValueError, TypeError) as failure:
            logger.warning("signing trust root %s unreadable: %s", file, failure)
    return roots


def trust_roots_from_settings():
    return load_trust_roots(getattr(settings, "SIGNING_TRUST_ROOTS", ""))


def _name(name):
    return name.human_friendly if name is not None else ""


def _state_of(status):
    """SignatureState and the REASONS key ("" when valid) for one pyHanko PdfSignatureStatus."""
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if not status.intact:
        return SignatureState.MODIFIED, "changed"
    if not status.valid:
        return SignatureState.INVALID, "mismatch"
    if status.coverage is None or status.coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        return SignatureState.MODIFIED, "partial"
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE and (
        status.modification_level is None
        or status.modification_level > ModificationLevel.FORM_FILLING
        or status.docmdp_ok is False
    ):
        return SignatureState.MODIFIED, "updated"
    if status.timestamp_validity is not None and not (
        status.timestamp_validity.intact and status.timestamp_validity.valid
    ):
        return SignatureState.INVALID, "timestamp"
    if not status.trusted:
        problem = getattr(status.trust_problem_indic, "name", "")
        if status.revoked:
            return SignatureState.INVALID, "revoked"
        if problem in UNKNOWN_SIGNER_PROBLEMS or status.validation_path is None:
            return SignatureState.UNKNOWN_SIGNER, "untrusted"
        return SignatureState.INVALID, "certificate"
    return SignatureState.VALID, ""


def _check(embedded, context):
    from pyhanko.sign.validation import KeyUsageConstraints, validate_pdf_signature

    name = embedded.field_name or ""
    try:
        status = outside_event_loop(
            validate_pdf_signature,
            embedded,
            signer_validation_context=context(),
            key_usage_settings=KeyUsageConstraints(key_usage=KEY_USAGES, match_all_key_usages=False),
        )
    except Exception as failure:  # a broken CMS blob or byte range: pyHanko raises many kinds
        logger.info("signature %s unreadable: %s", name, failure)
        return SignatureCheck(
            field_name=name, state=SignatureState.INVALID, detail=_("Invalid signature: a signature cannot be read.")
        )
    state, reason = _state_of(status)
    cert = status.signing_cert
    subject = cert.subject if cert is not None else None
    signer_name = (subject.native.get("common_name", "") or _name(subject)) if subject is not None else ""
    signed_at = status.signer_reported_dt
    if status.timestamp_validity is not None:
        signed_at = status.timestamp_validity.timestamp
    return SignatureCheck(
        field_name=name,
        state=state,
        signer_name=signer_name,
        subject=_name(subject),
        issuer=_name(cert.issuer if cert is not None else None),
        signed_at=signed_at,
        detail=str(REASONS[reason]).format(signer=signer_name or "?") if reason else "",
    )


def _summary(state, checks):
    if state == SignatureState.UNSIGNED:
        return _("The document has no digital signature.")
    if not checks:
        return _("The file is not a readable PDF document, so its signatures cannot be checked.")
    worst = max(checks, key=lambda check: check.state.severity)
    if state != SignatureState.VALID:
        return worst.detail
    if worst.signed_at is None:
        return _("Valid signature of {signer}.").format(signer=worst.signer_name)
    time = iso_vietnam(worst.signed_at)
    if len(checks) == 1:
        return _("Valid signature of {signer}, signed at {time}.").format(signer=worst.signer_name, time=time)
    return _("All {count} signatures are valid; the first is of {signer}, signed at {time}.").format(
        count=len(checks), signer=worst.signer_name, time=time
    )


def verify_pdf(data, *, trust_roots=None):
    """Check every signature of the PDF `data`; a Verification, never an exception.

    The summary is one whole Vietnamese sentence: the worst signature's reason, or who signed when.

    `trust_roots` (asn1crypto or `cryptography` certificates) replace SIGNING_TRUST_ROOTS.
    Side effects: none (no network: revocation is checked from what the file embeds, soft-fail).
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko_certvalidator import ValidationContext

    roots = [_as_asn1(root) for root in trust_roots] if trust_roots is not None else trust_roots_from_settings()

    def context():
        return ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")

    try:
        reader = PdfFileReader(io.BytesIO(bytes(data)), strict=False)
        embedded = list(reader.embedded_regular_signatures)
    except Exception as failure:  # garbage, a truncated file, a broken xref table
        logger.info("PDF unreadable for verification: %s", failure)
        return Verification(state=SignatureState.INVALID, summary=_summary(SignatureState.INVALID, ()))
    if not embedded:
        return Verification(state=SignatureState.UNSIGNED, summary=_summary(SignatureState.UNSIGNED, ()))
    checks = tuple(_check(signature, context) for signature in embedded)
    state = max((check.state for check in checks), key=lambda value: value.severity)
    return Verification(state=state, summary=_summary(state, checks), signatures=checks)


def _as_asn1(certificate):
    """An asn1crypto certificate from a `cryptography` one (or unchanged)."""
    from asn1crypto import x509

    if isinstance(certificate, x509.Certificate):
        return certificate
    from cryptography.hazmat.primitives.serialization import Encoding

    return x509.Certificate.load(certificate.public_bytes(Encoding.DER))
