"""A decided dossier to a State award (issue 16, upward): two nominees for the Prime Minister's Bằng khen,
their council votes, the province's decision, and its documents (the cover letter signed with a throwaway
CA, one achievement report per nominee, the unit's vote minutes, the evidence)."""

import functools
import itertools
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.test import override_settings

from awards.domain import catalogue
from awards.models import CouncilMember, CouncilSession, CouncilVote, Decision, ProposalDocument, SessionAttendance
from portal.rendering import html_to_pdf
from tests.factories.awards import NomineeFactory, ProposalFactory, catalogue_award, legal_parameters
from tests.factories.directory import PersonFactory

NAMES = ("Nguyễn Thị Hoa", "Trần Văn Bình")
_SIGNED = {}
_NUMBERS = itertools.count(101)


@functools.lru_cache(maxsize=32)
def pdf_of(text):
    return html_to_pdf(f"<html><body><h1>{text}</h1></body></html>")


def signed_cover_letter():
    """(signed PDF bytes, the trust root's path): made once per process."""
    if not _SIGNED:
        from pyhanko.sign import signers

        from portal import signing
        from tests.signing_ca import make_ca

        ca = make_ca()
        folder = Path(tempfile.mkdtemp(prefix="upward-ca-"))
        root = ca.write_root(folder / "root.pem")
        path = ca.write_pkcs12(folder / "signer.p12", "mat-khau")
        signer = signers.SimpleSigner.load_pkcs12_data(path.read_bytes(), other_certs=(), passphrase=b"mat-khau")
        data = signing.sign_pdf(
            pdf_of("Tờ trình đề nghị Thủ tướng Chính phủ tặng Bằng khen"),
            signer=signer,
            title="CHỦ TỊCH",
            signer_name="Phạm Quang Ngọc",
        )
        _SIGNED.update(data=data, root=str(root))
    return _SIGNED["data"], _SIGNED["root"]


def attach(proposal, kind, name, data, by):
    document = ProposalDocument(
        proposal=proposal,
        kind=kind,
        original_name=name,
        content_type="application/pdf",
        extension=name.rsplit(".", 1)[-1],
        size=len(data),
        uploaded_by=by,
    )
    document.file.save(f"document.{document.extension}", ContentFile(data), save=False)
    document.save()
    return document


def central_dossier(*, unit, officer, cover="signed", reports=True, number=None):
    """A decided proposal of `unit` to the Prime Minister's Bằng khen. `cover`: "signed", "unsigned" or None."""
    legal_parameters()
    award = catalogue_award(catalogue.PRIME_MINISTER_CERTIFICATE_INDIVIDUAL)
    proposal = ProposalFactory(unit=unit, state="decided", title="Đề nghị Thủ tướng tặng Bằng khen năm 2025")
    chair = CouncilMember.objects.create(full_name="Phạm Quang Ngọc", position="chairman")
    session = CouncilSession.objects.create(
        held_on=date(2025, 12, 20), member_count=1, present_count=1, created_by=officer, chair=chair
    )
    SessionAttendance.objects.create(session=session, member=chair, present=True)
    nominees = []
    for name in NAMES:
        nominee = NomineeFactory(
            proposal=proposal,
            person=PersonFactory(unit=unit, full_name=name, position="Giáo viên"),
            award=award,
            achievement=f"Thành tích xuất sắc của {name}",
            outcome="approved",
            eligibility_status="passed",
        )
        CouncilVote.objects.create(
            session=session, nominee=nominee, in_favour=1, against=0, threshold=Decimal(80), share=100, is_passed=True
        )
        nominees.append(nominee)
    Decision.objects.create(
        proposal=proposal,
        number=number or f"{next(_NUMBERS)}/QĐ-UBND",
        signed_on=date(2025, 12, 22),
        signer="Chủ tịch UBND tỉnh",
        level="national",
        base_salary=Decimal("2340000"),
        created_by=officer,
    )
    if cover == "signed":
        data, root = signed_cover_letter()
        with override_settings(SIGNING_TRUST_ROOTS=root):
            attach(proposal, "cover_letter", "to-trinh.pdf", data, officer)
    elif cover == "unsigned":
        attach(proposal, "cover_letter", "to-trinh.pdf", pdf_of("Tờ trình chưa ký"), officer)
    if reports:
        for name, slug in zip(NAMES, ("nguyen-thi-hoa", "tran-van-binh"), strict=True):
            attach(proposal, "achievement_report", f"bao-cao-{slug}.pdf", pdf_of(f"Báo cáo thành tích {name}"), officer)
    attach(proposal, "vote_minutes", "bien-ban-co-so.pdf", pdf_of("Biên bản họp Hội đồng cơ sở"), officer)
    attach(proposal, "evidence", "minh-chung.pdf", pdf_of("Bằng công nhận sáng kiến"), officer)
    return proposal
