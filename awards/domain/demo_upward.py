"""Demo data for the upward package (issue 16, upward): a proposal to the Prime Minister's Bằng khen,
decided by the province, with a complete dossier whose package a visitor builds and records as sent (with
the central reference), and another one whose dossier lacks its cover letter (the check lists it). No
package is built here: building renders several PDFs, and every test that seeds the demo would pay for it.

Names, documents and counts are SAMPLE DATA invented for the demo. The complete dossier's cover letter is
signed with the configured signer when signing is set up (SIGNING_*); otherwise the demo marks it as
validly signed, and its signature check says it is sample data. Running `seed_upward` twice changes nothing.
"""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile

from directory.models import Person
from portal.enums import SignatureState

from ..enums import ProposalState
from ..models import CouncilSession, CouncilVote, Nominee, Proposal, ProposalDocument
from . import catalogue

SAMPLE = "Dữ liệu mẫu (sample data)"
COMPLETE = "Đề nghị Thủ tướng Chính phủ tặng Bằng khen năm 2025 – Sở Nội vụ (gói hồ sơ đầy đủ)"
INCOMPLETE = "Đề nghị Thủ tướng Chính phủ tặng Bằng khen năm 2025 – Sở Giáo dục và Đào tạo (thiếu tờ trình)"
SESSION_NOTES = f"Phiên họp xét đề nghị khen thưởng cấp Nhà nước năm 2025 ({SAMPLE})."
PEOPLE = {
    COMPLETE: [
        ("Đinh Thị Mai Phương", "female", "Trưởng phòng", "other_leader"),
        ("Lương Văn Thắng", "male", "Chuyên viên chính", "direct_worker"),
    ],
    INCOMPLETE: [("Tạ Thị Thanh Nga", "female", "Hiệu trưởng", "other_leader")],
}


def _pdf(title, lines=()):
    from portal.rendering import html_to_pdf

    body = "".join(f"<p>{line}</p>" for line in lines)
    return html_to_pdf(f'<html lang="vi"><body><h1>{title}</h1>{body}<p><em>{SAMPLE}</em></p></body></html>')


def _signed_cover_letter(data):
    """The cover letter signed with the configured signer, or None when signing is off."""
    from portal import signing

    if not signing.signing_configured():
        return None
    try:
        with signing.configured_signer() as signer:
            return signing.sign_pdf(data, signer=signer, title="CHỦ TỊCH", signer_name="Trần Quốc Khánh")
    except signing.SigningUnavailable:
        return None


def _attach(proposal, kind, name, data, officer):
    document = ProposalDocument(
        proposal=proposal,
        kind=kind,
        original_name=name,
        content_type="application/pdf",
        extension="pdf",
        size=len(data),
        uploaded_by=officer,
    )
    document.file.save("document.pdf", ContentFile(data), save=False)
    document.save()
    return document


def _dossier(title, unit, award, officer, session):
    proposal = Proposal.objects.create(
        title=title, unit=unit, year=2025, state=ProposalState.DECIDED, submitted_on=date(2025, 12, 1)
    )
    nominees = []
    for full_name, gender, position, tier in PEOPLE[title]:
        person = Person.objects.filter(full_name=full_name, unit=unit).first() or Person.objects.create(
            full_name=full_name, gender=gender, position=position, position_tier=tier, unit=unit
        )
        nominee = Nominee.objects.create(
            proposal=proposal,
            award=award,
            person=person,
            year=2025,
            achievement=f"Hoàn thành xuất sắc nhiệm vụ năm 2023, 2024 và 2025 ({SAMPLE}).",
            eligibility_status="passed",
            eligibility_explanation="Bằng khen của Thủ tướng: xét theo thành tích (không cần điều kiện lịch sử).",
            outcome="approved",
        )
        CouncilVote.objects.create(
            session=session,
            nominee=nominee,
            in_favour=session.present_count,
            against=0,
            threshold=Decimal(80),
            share=Decimal(session.present_count * 100) / session.member_count,
            is_passed=True,
        )
        nominees.append(nominee)
    from portal.text import ascii_name

    for nominee in nominees:
        name = nominee.recipient_name
        _attach(
            proposal,
            "achievement_report",
            f"Bao_cao_thanh_tich_{ascii_name(name)}.pdf",
            _pdf(f"Báo cáo thành tích – {name}", (nominee.achievement,)),
            officer,
        )
    _attach(proposal, "vote_minutes", "Bien_ban_hop_Hoi_dong_co_so.pdf", _pdf("Biên bản họp Hội đồng cơ sở"), officer)
    _attach(proposal, "evidence", "Minh_chung.pdf", _pdf("Giấy chứng nhận sáng kiến"), officer)
    return proposal


def seed_upward(awards, people, officer):
    """Both demo dossiers, decided and ready to package. `people` is awards.domain.demo's map of units."""
    from .demo_council import seed_roster

    if Proposal.objects.filter(title=COMPLETE).exists():
        return
    members = seed_roster()
    session = CouncilSession.objects.create(
        held_on=date(2025, 12, 16),
        member_count=len(members),
        present_count=len(members),
        chair=members[0],
        secretary=members[3],
        place="Phòng họp số 1, Trụ sở UBND tỉnh",
        notes=SESSION_NOTES,
        created_by=officer,
    )
    session.attendance.model.objects.bulk_create(
        [session.attendance.model(session=session, member=member, present=True) for member in members]
    )
    award = awards[catalogue.PRIME_MINISTER_CERTIFICATE_INDIVIDUAL]
    complete = _dossier(COMPLETE, people["NB-SNV"], award, officer, session)
    letter = _pdf(
        "Tờ trình đề nghị Thủ tướng Chính phủ tặng Bằng khen",
        ("Ủy ban nhân dân tỉnh kính trình Thủ tướng Chính phủ (qua Bộ Nội vụ) xem xét, tặng Bằng khen.",),
    )
    signed = _signed_cover_letter(letter)
    cover = _attach(complete, "cover_letter", "To_trinh_UBND_tinh.pdf", signed or letter, officer)
    if signed is None:
        ProposalDocument.objects.filter(pk=cover.pk).update(
            signature_state=SignatureState.VALID,
            signature_summary=f"Chưa cấu hình ký số: tài liệu mẫu được coi là đã ký hợp lệ ({SAMPLE}).",
        )
    _dossier(INCOMPLETE, people["NB-SGDDT"], award, officer, session)
