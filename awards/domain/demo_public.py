"""Demo data of public notices and the register (issue 16, public), for a visitor of `make run`:

- "Lao động tiên tiến năm 2025 – Sở Tư pháp" is under public notice until ten days after the seed
  (its public page takes comments): one comment answered and published, one waiting for the office;
- "Lao động tiên tiến năm 2025 – Sở Xây dựng" ended five days before the seed (the form is closed, a
  post is refused) and holds a comment the office rejected (not shown publicly);
- every demo decision is in the public register (search "quyet dinh" or an awardee's name).

Names, comments and answers are SAMPLE DATA. Idempotent (the dossiers are found by title).
"""

from datetime import timedelta

from django.utils import timezone

from directory.enums import PositionTier
from directory.models import Person, Unit

from ..enums import EligibilityStatus, ProposalState
from ..models import Decision, Nominee, Proposal
from . import catalogue, public

OPEN_TITLE = "Lao động tiên tiến năm 2025 – Sở Tư pháp (lấy ý kiến công khai)"
CLOSED_TITLE = "Lao động tiên tiến năm 2025 – Sở Xây dựng (đã hết thời gian công khai)"
PEOPLE = {
    "NB-STP": [
        (
            "Hoàng Thị Mai",
            "female",
            "Chuyên viên phòng Hành chính tư pháp",
            "Hoàn thành xuất sắc nhiệm vụ; chủ trì rà soát 120 văn bản quy phạm pháp luật.",
        ),
        (
            "Vũ Minh Đức",
            "male",
            "Chuyên viên phòng Bổ trợ tư pháp",
            "Hoàn thành tốt nhiệm vụ; tham gia tích cực phong trào thi đua của ngành.",
        ),
    ],
    "NB-SXD": [
        (
            "Lương Văn Hùng",
            "male",
            "Kỹ sư phòng Quản lý xây dựng",
            "Hoàn thành tốt nhiệm vụ thẩm định 45 hồ sơ thiết kế.",
        ),
    ],
}


def _dossier(title, unit_code, awards, officer, *, days):
    unit = Unit.objects.filter(code=unit_code).first()
    if unit is None or Proposal.objects.filter(title=title, unit=unit).exists():
        return None
    today = timezone.localdate()
    proposal = Proposal.objects.create(
        title=title,
        unit=unit,
        year=2025,
        state=ProposalState.PUBLIC_NOTICE,
        submitted_on=today - timedelta(days=30),
        notice_until=today + timedelta(days=days),
    )
    for full_name, gender, position, achievement in PEOPLE[unit_code]:
        person = Person.objects.filter(full_name=full_name, unit=unit).first() or Person.objects.create(
            full_name=full_name, unit=unit, gender=gender, position=position, position_tier=PositionTier.DIRECT_WORKER
        )
        Nominee.objects.create(
            proposal=proposal,
            person=person,
            award=awards[catalogue.ADVANCED_WORKER],
            year=2025,
            achievement=achievement,
            eligibility_status=EligibilityStatus.PASSED,
            eligibility_explanation="Dữ liệu mẫu (sample data).",
        )
    return public.publish_notice_list(proposal=proposal, by=officer)


def _comment(notice, *, name, body, phone="", email=""):
    return public.receive_comment(
        entry=notice.entries.order_by("order").first(),
        author_name=name,
        phone=phone,
        email=email,
        body=body,
        sender_address="demo",
    )


def seed_public(awards, officer):
    """Load the public-notice cases and publish the demo decisions. Side effects: two dossiers under
    notice with their lists and comments; `published_at` on every demo decision not yet in the register."""
    opened = _dossier(OPEN_TITLE, "NB-STP", awards, officer, days=10)
    if opened is not None:
        answered = _comment(
            opened,
            name="Nguyễn Văn Thành",
            phone="0912 345 678",
            body="Tôi là người dân ở phường Hoa Lư, xác nhận bà Mai hướng dẫn thủ tục rất tận tình, chu đáo.",
        )
        public.answer_comment(comment=answered, answer="Sở Tư pháp ghi nhận và cảm ơn ý kiến của ông.", by=officer)
        public.publish_comment(comment=answered, by=officer)
        _comment(
            opened,
            name="Trần Thị Hạnh",
            email="hanh.tran@example.vn",
            body="Đề nghị cơ quan xem xét lại thời gian giải quyết hồ sơ chứng thực của bộ phận một cửa.",
        )
    closed = _dossier(CLOSED_TITLE, "NB-SXD", awards, officer, days=5)
    if closed is not None:
        rejected = _comment(
            closed, name="Khách", phone="0987654321", body="Quảng cáo: mua bán vật liệu xây dựng giá rẻ tại đây."
        )
        public.reject_comment(comment=rejected, by=officer, reason="Nội dung quảng cáo, không liên quan.")
        Proposal.objects.filter(pk=closed.proposal_id).update(notice_until=timezone.localdate() - timedelta(days=5))
    for decision in Decision.objects.filter(published_at__isnull=True).select_related("proposal__unit"):
        public.publish_decision(decision=decision, by=officer)
