"""Role x URL matrix for the correction pages of awards and the list of imports; a denial changes nothing."""

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.domain.documents import upload_document
from awards.models import CouncilVote, Decision
from portal.models import ImportKind, ImportRecord
from tests.factories.awards import CouncilSessionFactory, NomineeFactory, ProposalFactory, legal_parameters
from tests.factories.directory import PersonFactory
from tests.permissions import OFFICERS, built_once_per_module, matrix_cases, run_matrix_case

UNIT = OFFICERS | {"unit_officer"}

# (url name, kwargs key, method, roles allowed, status when allowed)
MATRIX = [
    ("awards:proposal_delete", "draft", "get", UNIT, 200),
    ("awards:proposal_delete", "draft", "post", UNIT, 302),
    ("awards:proposal_delete", "returned", "get", (), 200),  # no longer a draft: nobody may delete it
    ("awards:proposal_edit", "draft", "get", UNIT, 200),
    ("awards:proposal_edit", "draft", "post", UNIT, 302),
    ("awards:proposal_edit", "returned", "post", UNIT, 302),
    ("awards:nominee_edit", "nominee", "get", UNIT, 200),
    ("awards:nominee_edit", "nominee", "post", UNIT, 302),
    ("awards:document_replace", "document", "get", UNIT, 200),
    ("awards:document_replace", "document", "post", UNIT, 302),
    ("awards:document_remove", "document", "get", UNIT, 200),
    ("awards:document_remove", "document", "post", UNIT, 302),
    ("awards:vote_edit", "vote", "get", OFFICERS, 200),
    ("awards:vote_edit", "vote", "post", OFFICERS, 302),
    ("awards:session_edit", "session", "get", OFFICERS, 200),
    ("awards:session_edit", "session", "post", OFFICERS, 302),
    ("awards:decision_edit", "decision", "get", OFFICERS, 200),
    ("awards:decision_edit", "decision", "post", OFFICERS, 302),
    ("awards:override_withdraw", "overridden", "get", OFFICERS, 200),
    ("awards:override_withdraw", "overridden", "post", OFFICERS, 302),
    ("portal:import_list", None, "get", OFFICERS, 200),
    ("portal:import_detail", "import", "get", OFFICERS, 200),
]


def build_objects(cast):
    member_unit, officer = cast["member_unit"], cast["officer"]
    legal_parameters()
    draft = ProposalFactory(unit=member_unit)
    nominee = NomineeFactory(proposal=draft, person=PersonFactory(unit=member_unit))
    overridden = NomineeFactory(
        proposal=ProposalFactory(unit=member_unit, state="under_verification"),
        person=PersonFactory(unit=member_unit),
        eligibility_status="failed",
        override_reason="Thành tích đột xuất",
        overridden_by=officer,
    )
    document = upload_document(
        proposal=draft, kind="evidence", uploaded_file=SimpleUploadedFile("minh-chung.pdf", b"%PDF-1.4 x"), by=officer
    )
    returned = ProposalFactory(unit=member_unit, state="returned", submitted_on=date(2025, 12, 1))
    at_council = ProposalFactory(unit=member_unit, state="at_council")
    voted = NomineeFactory(proposal=at_council, person=PersonFactory(unit=member_unit))
    session = CouncilSessionFactory(created_by=officer)
    vote = CouncilVote.objects.create(
        session=session,
        nominee=voted,
        in_favour=8,
        against=1,
        threshold=Decimal(80),
        share=Decimal(80),
        is_passed=True,
    )
    decided = ProposalFactory(unit=member_unit, state="decided")
    decision = Decision.objects.create(
        proposal=decided,
        number="7/QĐ-UBND",
        signed_on=date(2025, 12, 30),
        signer="Chủ tịch",
        base_salary=2340000,
        created_by=officer,
    )
    record = ImportRecord.objects.create(kind=ImportKind.UNITS, file_name="don-vi.xlsx", by=officer, row_count=3)
    return {
        "draft": {"pk": draft.pk},
        "returned": {"pk": returned.pk},
        "nominee": {"pk": nominee.pk},
        "overridden": {"pk": overridden.pk},
        "document": {"pk": document.pk},
        "vote": {"pk": vote.pk},
        "session": {"pk": session.pk},
        "decision": {"pk": decision.pk},
        "import": {"pk": record.pk},
    }


shared_data = built_once_per_module(build_objects)


def form_data(url_name, key):
    reason = {"reason": "Nhập nhầm khi lập hồ sơ"}
    if url_name == "awards:proposal_edit":
        return {"title": "Đề nghị đã sửa", "commendation_type": "regular", "year": 2025, **reason}
    if url_name == "awards:nominee_edit":
        return {"achievement": "Hoàn thành xuất sắc nhiệm vụ", **reason}
    if url_name == "awards:document_replace":
        return {"file": SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4 y"), **reason}
    if url_name == "awards:vote_edit":
        return {"in_favour": 9, "against": 0, "written_in_favour": 0, "written_against": 0, **reason}
    if url_name == "awards:session_edit":
        return {"held_on": "21/12/2025", "member_count": 10, "present_count": 9, "notes": "", **reason}
    if url_name == "awards:decision_edit":
        return {
            "number": "8/QĐ-UBND",
            "signed_on": "30/12/2025",
            "signer_role": "chairman",
            "signer_name": "Phạm Quang Ngọc",
            "level": "provincial",
            **reason,
        }
    return reason


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, shared_data, role, url_name, key, method, allowed, allowed_status):
    url = reverse(url_name, kwargs=shared_data.objects[key] if key else None)

    run_matrix_case(client_as(cast[role]), role, url, method, form_data(url_name, key), allowed, allowed_status)
