"""Signing and verifying work in a thread that already runs an event loop (an ASGI server, Playwright)."""

import asyncio

from portal import signing
from portal.rendering import html_to_pdf
from tests.signing_ca import make_ca


def test_sign_and_verify_inside_a_running_event_loop(tmp_path):
    from pyhanko.sign import signers

    ca = make_ca()
    key = ca.write_pkcs12(tmp_path / "signer.p12", "mat-khau")
    signer = signers.SimpleSigner.load_pkcs12_data(key.read_bytes(), other_certs=(), passphrase=b"mat-khau")
    pdf = html_to_pdf("<html><body><p>Quyết định số 12/QĐ-UBND</p></body></html>")
    root = ca.write_root(tmp_path / "root.pem")

    async def inside_a_loop():
        signed = signing.sign_pdf(pdf, signer=signer, title="CHỦ TỊCH", signer_name="Nguyễn Văn An")
        return signing.verify_pdf(signed, trust_roots=signing.verify.load_trust_roots(str(root)))

    assert asyncio.run(inside_a_loop()).state == "valid"
