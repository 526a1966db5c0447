"""PAdES signing and verification of PDFs, shared by every app (issue 15).

    sign_pdf(data, *, signer, title, signer_name, ...) -> bytes   a visible signature (Decree 30)
    stamp_attachment(data, *, number, symbol, signed_at) -> bytes  an attachment's top-right stamp
    signer_from_settings() / configured_signer()                   the signer the environment sets
    verify_pdf(data, *, trust_roots=None) -> Verification          every signature, the worst wins

Modules: `service` (signer, signing), `layout` (where the signature goes), `appearance` (drawing it),
`clock` (Vietnam time), `verify` (checking). See docs/conventions.md, "Signing (issue 15, signing core)".
"""

from contextlib import contextmanager

from .appearance import BadImage
from .service import (
    BadPdf,
    SigningFailed,
    SigningUnavailable,
    close_signer,
    sign_pdf,
    signer_from_settings,
    signing_configured,
    stamp_attachment,
)
from .verify import SignatureCheck, Verification, verify_pdf

__all__ = [
    "BadImage",
    "BadPdf",
    "SignatureCheck",
    "SigningFailed",
    "SigningUnavailable",
    "Verification",
    "close_signer",
    "configured_signer",
    "sign_pdf",
    "signer_from_settings",
    "signing_configured",
    "stamp_attachment",
    "verify_pdf",
]


@contextmanager
def configured_signer():
    """The signer from the settings, its PKCS#11 session closed afterwards (SigningUnavailable if none)."""
    signer = signer_from_settings()
    try:
        yield signer
    finally:
        close_signer(signer)
