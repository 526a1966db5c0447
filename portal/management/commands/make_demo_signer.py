"""Write a throwaway CA and a PKCS#12 signer under var/signing/ for `make run` (never in production).

Idempotent: files already there are kept (the demo's signed versions stay valid across runs).
`make run` exports, for seed_demo and the server:
    SIGNING_PKCS12_FILE=var/signing/signer.p12  SIGNING_PKCS12_PASSWORD_FILE=var/signing/password
    SIGNING_TRUST_ROOTS=var/signing/root.pem
"""

import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

FILES = ("signer.p12", "password", "root.pem")


class Command(BaseCommand):
    help = "Write a throwaway demo CA and signer (PKCS#12) under var/signing/; never in production mode."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "Refusing to make a demo signer in production mode (DATABASE_URL is set): configure a real "
                "certificate (SIGNING_PKCS12_FILE or SIGNING_PKCS11_MODULE) instead."
            )
        folder = settings.VAR_DIR / "signing"
        if all((folder / name).exists() for name in FILES):
            self.stdout.write(f"Demo signer already in {folder}")
            return
        from portal.signing.testca import make_ca

        folder.mkdir(parents=True, exist_ok=True)
        ca = make_ca("Demo", signer_name="Cổng thông tin thi đua (demo)", organisation="Sở Nội vụ tỉnh Ninh Bình")
        password = secrets.token_urlsafe(16)
        password_file = folder / "password"
        password_file.write_text(password, encoding="utf-8")
        password_file.chmod(0o600)
        ca.write_pkcs12(folder / "signer.p12", password)
        ca.write_root(folder / "root.pem")
        self.stdout.write(f"Demo signer written to {folder} (a throwaway CA, valid for a year)")
