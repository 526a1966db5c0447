"""A throwaway certificate authority (never a real CA): the tests make one per module, the demo signer
(`manage.py make_demo_signer`) one for `make run`.

`make_ca(label)` builds a root, an intermediate, a signer and a timestamp authority certificate with
`cryptography` (EC P-256 keys, fast to generate; RSA for the timestamp authority, which pyHanko's
in-process TSA needs) and returns them as a `TestCA`; `write_pkcs12` and `write_root` put them where
the signing settings expect files. Build one per module (module-scoped fixture).
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass(frozen=True)
class TestCA:
    root: x509.Certificate
    intermediate: x509.Certificate
    signer: x509.Certificate
    signer_key: ec.EllipticCurvePrivateKey
    tsa: x509.Certificate
    tsa_key: rsa.RSAPrivateKey

    def root_pem(self):
        return self.root.public_bytes(serialization.Encoding.PEM)

    def write_root(self, path):
        Path(path).write_bytes(self.root_pem())
        return Path(path)

    def write_pkcs12(self, path, password):
        """The signer's key, certificate and intermediate as a PKCS#12 file protected by `password`."""
        blob = pkcs12.serialize_key_and_certificates(
            b"signer",
            self.signer_key,
            self.signer,
            [self.intermediate],
            serialization.BestAvailableEncryption(password.encode()),
        )
        Path(path).write_bytes(blob)
        return Path(path)

    def signer_key_der(self):
        return self.signer_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    def signer_cert_der(self):
        return self.signer.public_bytes(serialization.Encoding.DER)

    def dummy_timestamper(self):
        """pyHanko's in-process timestamp authority with this CA's TSA certificate (no network)."""
        from asn1crypto import keys
        from asn1crypto import x509 as asn1_x509
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

        def load(cert):
            return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

        key = keys.PrivateKeyInfo.load(
            self.tsa_key.private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        return DummyTimeStamper(tsa_cert=load(self.tsa), tsa_key=key, certs_to_embed=[load(self.intermediate)])


def _name(common_name, organisation):
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(*, subject, issuer, public_key, issuer_key, ca, path_length=None, issuer_cert=None, tsa=False):
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=path_length), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )
    if issuer_cert is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_cert.public_key()), critical=False
        )
    if ca:
        usage = x509.KeyUsage(False, False, False, False, False, True, True, False, False)
    elif tsa:
        usage = x509.KeyUsage(True, True, False, False, False, False, False, False, False)
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    else:
        usage = x509.KeyUsage(True, True, False, False, False, False, False, False, False)
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
    builder = builder.add_extension(usage, critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def make_ca(label="Thử nghiệm", *, signer_name="Nguyễn Văn An", organisation="Ủy ban nhân dân tỉnh Ninh Bình"):
    """Root -> intermediate -> signer and a timestamp authority, all valid from yesterday for a year."""
    root_key = ec.generate_private_key(ec.SECP256R1())
    root_name = _name(f"Root CA {label}", "Throwaway test CA")
    root = _certificate(
        subject=root_name, issuer=root_name, public_key=root_key.public_key(), issuer_key=root_key, ca=True
    )
    mid_key = ec.generate_private_key(ec.SECP256R1())
    mid_name = _name(f"Intermediate CA {label}", "Throwaway test CA")
    intermediate = _certificate(
        subject=mid_name,
        issuer=root_name,
        public_key=mid_key.public_key(),
        issuer_key=root_key,
        ca=True,
        path_length=0,
        issuer_cert=root,
    )
    signer_key = ec.generate_private_key(ec.SECP256R1())
    signer = _certificate(
        subject=_name(signer_name, organisation),
        issuer=mid_name,
        public_key=signer_key.public_key(),
        issuer_key=mid_key,
        ca=False,
        issuer_cert=intermediate,
    )
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's dummy TSA is RSA-only
    tsa = _certificate(
        subject=_name(f"Timestamp {label}", "Throwaway test CA"),
        issuer=mid_name,
        public_key=tsa_key.public_key(),
        issuer_key=mid_key,
        ca=False,
        issuer_cert=intermediate,
        tsa=True,
    )
    return TestCA(root=root, intermediate=intermediate, signer=signer, signer_key=signer_key, tsa=tsa, tsa_key=tsa_key)
