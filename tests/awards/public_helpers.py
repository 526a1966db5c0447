"""Builders the public-notice tests share (issue 16, public): a dossier under notice, its published
list, a comment, and a decided dossier whose decision may be put in the register."""

from datetime import date, timedelta

from django.utils import timezone

from awards.domain import catalogue, public
from awards.domain.decisions import decide
from awards.enums import ProposalState
from tests.factories.awards import NomineeFactory, ProposalFactory, catalogue_award, legal_parameters
from tests.factories.directory import PersonFactory


def dossier_under_notice(*, unit=None, title="Đề nghị tặng danh hiệu Lao động tiên tiến năm 2025", nominees=1, days=7):
    fields = {"unit": unit} if unit is not None else {}
    proposal = ProposalFactory(
        title=title,
        state=ProposalState.PUBLIC_NOTICE,
        notice_until=timezone.localdate() + timedelta(days=days),
        **fields,
    )
    for index in range(nominees):
        person = PersonFactory(full_name=f"Phạm Thị Lan {index}", unit=proposal.unit, date_of_birth=date(1980, 3, 14))
        NomineeFactory(
            proposal=proposal,
            person=person,
            award=catalogue_award(catalogue.ADVANCED_WORKER),
            achievement="Hoàn thành xuất sắc nhiệm vụ được giao.",
        )
    return proposal


def published_notice(officer, **kwargs):
    return public.publish_notice_list(proposal=dossier_under_notice(**kwargs), by=officer)


def comment_on(notice, *, body="Tôi xác nhận thành tích của bà Lan là đúng.", name="Trần Văn Bình"):
    return public.receive_comment(
        entry=notice.entries.first(), author_name=name, phone="0912345678", email="", body=body, sender_address="x"
    )


def decided_proposal(officer, *, number, people=("Lê Thị Hoà",), title="Đề nghị tặng Lao động tiên tiến", unit=None):
    """A dossier decided by decision `number` (signed 20/12/2025) whose awardees are `people`."""
    legal_parameters()
    fields = {"unit": unit} if unit is not None else {}
    proposal = ProposalFactory(
        title=title, state=ProposalState.PUBLIC_NOTICE, notice_until=date(2025, 12, 15), **fields
    )
    nominees = [
        NomineeFactory(
            proposal=proposal,
            person=PersonFactory(full_name=name, unit=proposal.unit, date_of_birth=date(1979, 5, 6)),
            award=catalogue_award(catalogue.ADVANCED_WORKER),
            eligibility_status="passed",
        )
        for name in people
    ]
    return decide(
        proposal=proposal,
        number=number,
        signed_on=date(2025, 12, 20),
        signer="Chủ tịch UBND tỉnh",
        level="provincial",
        outcomes={nominee.pk: (True, "") for nominee in nominees},
        by=officer,
    )
