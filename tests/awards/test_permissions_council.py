"""Role x URL matrix for the council's records (issue 12, council part): the roster, the places per
award, the minutes and the annulment of a vote; a denial changes nothing."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from awards.domain import catalogue
from awards.models import CouncilMember, CouncilSession, CouncilVote, SessionAttendance
from tests.factories.awards import NomineeFactory, ProposalFactory, catalogue_award, legal_parameters
from tests.factories.directory import PersonFactory
from tests.permissions import OFFICERS, built_once_per_module, matrix_cases, run_matrix_case

VIEWERS = OFFICERS | {"council_member"}

# (url name, kwargs key, method, roles allowed, status when allowed)
MATRIX = [
    ("awards:member_list", None, "get", VIEWERS, 200),
    ("awards:member_create", None, "get", OFFICERS, 200),
    ("awards:member_create", None, "post", OFFICERS, 302),
    ("awards:member_edit", "member", "get", OFFICERS, 200),
    ("awards:member_edit", "member", "post", OFFICERS, 302),
    ("awards:session_quota", "session", "post", OFFICERS, 302),
    ("awards:session_minutes_docx", "session", "get", VIEWERS, 200),
    ("awards:session_minutes_pdf", "session", "get", VIEWERS, 200),
    ("awards:vote_annul", "vote", "get", OFFICERS, 200),
    ("awards:vote_annul", "vote", "post", OFFICERS, 302),
]


def build_objects(cast):
    legal_parameters()
    member = CouncilMember.objects.create(full_name="Trần Văn Chủ", position="chairman")
    session = CouncilSession.objects.create(
        held_on=date(2025, 12, 20), member_count=1, present_count=1, created_by=cast["officer"], chair=member
    )
    SessionAttendance.objects.create(session=session, member=member, present=True)
    nominee = NomineeFactory(
        proposal=ProposalFactory(unit=cast["member_unit"], state="at_council"),
        person=PersonFactory(unit=cast["member_unit"]),
        award=catalogue_award(catalogue.GRASSROOTS_FIGHTER),
    )
    vote = CouncilVote.objects.create(
        session=session, nominee=nominee, in_favour=1, against=0, threshold=Decimal(80), share=100, is_passed=True
    )
    return {
        "member": {"pk": member.pk},
        "session": {"pk": session.pk},
        "vote": {"pk": vote.pk},
        "award": nominee.award_id,
    }


shared_data = built_once_per_module(build_objects)


def form_data(url_name, objects):
    if url_name == "awards:member_create":
        return {"full_name": "Lê Thị Phó", "position": "vice_chairman", "title": "", "is_active": "on"}
    if url_name == "awards:member_edit":
        return {
            "full_name": "Trần Văn Chủ",
            "position": "chairman",
            "title": "Phó Chủ tịch UBND tỉnh",
            "reason": "Bổ sung chức vụ",
        }
    if url_name == "awards:session_quota":
        return {"award": objects["award"], "places": 1}
    if url_name == "awards:vote_annul":
        return {"reason": "Nhập nhầm số phiếu"}
    return {}


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, shared_data, role, url_name, key, method, allowed, allowed_status):
    url = reverse(url_name, kwargs=shared_data.objects[key] if key else None)

    run_matrix_case(
        client_as(cast[role]), role, url, method, form_data(url_name, shared_data.objects), allowed, allowed_status
    )
