"""Certificates demo (issue 15, certificates): the print layouts of the demo catalogue's Bằng khen
(A4 landscape) and Giấy khen (A4 portrait), and a known verification code to open.

What a visitor of `make run` can open:
- passing: /verify/NB2968DEMX/ (the first awardee of decision 2968/QĐ-UBND: recipient, award, decision);
  with a demo signer in the environment its digital certificate is issued too and shows "valid";
- failing: /verify/NB2968XXXX/ (no award has that code: the public 404 page);
- an administrator edits the layouts with the live preview in Django admin (Certificate layouts), and a
  wrong value there (x_mm 999) is listed in the preview instead of a page;
- an officer prints the decision's blanks ("Print certificates (blanks)" on the decision's page).
"""

import logging

from portal.errors import DomainError
from portal.signing import signing_configured

from ..models import AwardRecord, CertificateLayout
from . import catalogue
from .certificates.digital import issue_certificate
from .certificates.layout import default_layout

logger = logging.getLogger(__name__)
DEMO_CODE = "NB2968DEMX"
UNKNOWN_CODE = "NB2968XXXX"
LAYOUT_AWARDS = (
    catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL,
    catalogue.CHAIRMAN_CERTIFICATE_COLLECTIVE,
    "GK-CN",
    "GK-TT",
)


def seed_certificates(awards, officer):
    """Layouts for the demo's certificates, the demo code on decision 2968/QĐ-UBND's first record and,
    when a signer is configured, its digital certificate.

    Side effects: writes CertificateLayout rows (once), one record's verification code, and one
    IssuedCertificate (signed) when signing is configured; a signing failure is logged and skipped.
    """
    for code in LAYOUT_AWARDS:
        award = awards.get(code)
        if award is None:
            continue
        width, height, fields = default_layout(award)
        CertificateLayout.objects.get_or_create(
            award=award, defaults={"page_width_mm": width, "page_height_mm": height, "fields": fields}
        )
    record = AwardRecord.objects.filter(decision_number="2968/QĐ-UBND").order_by("pk").first()
    if record is None:
        return
    if record.verification_code != DEMO_CODE and not AwardRecord.objects.filter(verification_code=DEMO_CODE).exists():
        record.verification_code = DEMO_CODE
        record.save(update_fields=["verification_code"])
    if signing_configured() and officer is not None and not record.certificates.exists():
        try:
            issue_certificate(record=record, by=officer)
        except DomainError as error:
            logger.warning("demo certificate not signed", extra={"error": str(error)})
