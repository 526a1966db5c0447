"""Role x URL matrix for the awards pages; each denial leaves the data untouched."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.domain.documents import upload_document
from awards.models import Decision, Nominee, Proposal
from tests.factories.awards import (
    CouncilSessionFactory,
    NomineeFactory,
    ProposalFactory,
    catalogue_award,
    legal_parameters,
)
from tests.factories.directory import PersonFactory, UnitFactory
from tests.permissions import OFFICERS, SIGNED_IN, built_once_per_module, matrix_cases, run_matrix_case, table_marks

UNIT = OFFICERS | {"unit_officer"}
COUNCIL = OFFICERS | {"council_member"}
PROPOSAL_READERS = OFFICERS | {"unit_officer", "council_member"}

# (url name, kwargs key, method, roles allowed, status when allowed)
MATRIX = [
    ("awards:proposal_list", None, "get", PROPOSAL_READERS, 200),
    ("awards:proposal_create", None, "get", UNIT, 200),
    ("awards:proposal_create", None, "post", UNIT, 302),
    ("awards:queue", None, "get", OFFICERS, 200),
    ("awards:proposal_from_term", "term", "post", OFFICERS, 302),
    ("awards:nominee_template", None, "get", UNIT, 200),
    ("awards:proposal_detail", "own", "get", UNIT, 200),
    ("awards:proposal_detail", "other", "get", OFFICERS, 200),
    ("awards:proposal_detail", "at_council", "get", COUNCIL, 200),
    ("awards:proposal_action", "submit", "post", UNIT, 302),
    ("awards:proposal_action", "verify", "post", OFFICERS, 302),
    ("awards:proposal_action", "return", "post", OFFICERS, 302),
    ("awards:proposal_action", "notice", "post", OFFICERS, 302),
    ("awards:nominee_add", "own", "post", UNIT, 302),
    ("awards:nominee_add", "other", "post", OFFICERS, 302),
    ("awards:nominee_import", "own", "post", UNIT, 302),
    ("awards:document_upload", "own", "post", UNIT, 302),
    ("awards:decision_create", "at_notice", "get", OFFICERS, 200),
    ("awards:decision_create", "at_notice", "post", OFFICERS, 400),
    ("awards:nominee_delete", "nominee", "post", UNIT, 302),
    ("awards:nominee_override", "nominee", "post", OFFICERS, 302),
    ("awards:document_download", "document", "get", UNIT, 200),
    ("awards:session_list", None, "get", COUNCIL, 200),
    ("awards:session_create", None, "get", OFFICERS, 200),
    ("awards:session_create", None, "post", OFFICERS, 302),
    ("awards:session_detail", "session", "get", COUNCIL, 200),
    ("awards:session_detail", "session", "post", OFFICERS, 400),
    ("awards:decision_detail", "decision", "get", PROPOSAL_READERS, 200),
    ("awards:decision_docx", "decision", "get", PROPOSAL_READERS, 200),
    ("awards:decision_annex", "decision", "get", PROPOSAL_READERS, 200),
    ("awards:lookup", None, "get", SIGNED_IN, 200),
    ("awards:history_import", None, "get", OFFICERS, 200),
    ("awards:history_import", None, "post", OFFICERS, 400),
    ("awards:history_template", None, "get", OFFICERS, 200),
]


def build_objects(cast):
    member_unit, officer = cast["member_unit"], cast["officer"]
    legal_parameters()
    own = ProposalFactory(unit=member_unit)
    nominee = NomineeFactory(proposal=own, person=PersonFactory(unit=member_unit), eligibility_status="failed")
    document = upload_document(
        proposal=own, kind="evidence", uploaded_file=SimpleUploadedFile("minh-chung.pdf", b"%PDF-1.4 x"), by=officer
    )
    other = ProposalFactory(unit=UnitFactory())
    at_council = ProposalFactory(unit=UnitFactory(), state="at_council")
    at_notice = ProposalFactory(unit=member_unit, state="public_notice", notice_until=date(2025, 12, 1))
    NomineeFactory(proposal=at_notice, person=PersonFactory(unit=member_unit))
    decided = ProposalFactory(unit=member_unit, state="decided")
    decision = Decision.objects.create(
        proposal=decided,
        number="1/QĐ-UBND",
        signed_on=date(2025, 12, 30),
        signer="Chủ tịch",
        base_salary=2340000,
        created_by=officer,
    )
    submitted = ProposalFactory(unit=member_unit, state="submitted", submitted_on=date(2025, 12, 1))
    from clusters.models import Cluster, Nomination, Term

    term = Term.objects.create(
        cluster=Cluster.objects.create(kind="bloc", name="Khối"), year=2025, lead_unit=UnitFactory()
    )
    Nomination.objects.create(term=term, unit=UnitFactory(), kind="flag", rank=1)
    return {
        "term": {"term_pk": term.pk},
        "own": {"pk": own.pk},
        "other": {"pk": other.pk},
        "at_council": {"pk": at_council.pk},
        "at_notice": {"pk": at_notice.pk},
        "submit": {"pk": own.pk, "action": "submit"},
        "verify": {"pk": submitted.pk, "action": "verify"},
        "return": {"pk": submitted.pk, "action": "return"},
        "notice": {"pk": at_council.pk, "action": "notice"},
        "nominee": {"pk": nominee.pk},
        "document": {"pk": document.pk},
        "session": {"pk": CouncilSessionFactory().pk},
        "decision": {"pk": decision.pk},
        "member_unit": member_unit,
        "award": catalogue_award("GK-CN"),
    }


shared_data = built_once_per_module(build_objects)


@pytest.fixture
def objects(shared_data):
    return shared_data.objects


def form_data(url_name, objects):
    if url_name == "awards:proposal_create":
        return {
            "unit": objects["member_unit"].pk,
            "title": "Đề nghị mới",
            "commendation_type": "regular",
            "year": date.today().year,
        }
    if url_name == "awards:nominee_add":
        return {"award": objects["award"].pk, "person": ""}
    if url_name == "awards:session_create":
        return {"held_on": "20/12/2025", "member_count": 10, "present_count": 9}
    if url_name == "awards:proposal_action":
        return {"reasons": "Thiếu tờ trình", "until": "31/12/2099"}
    if url_name == "awards:nominee_override":
        return {"reason": "Thành tích xuất sắc đột xuất"}
    return {}


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, objects, role, url_name, key, method, allowed, allowed_status):
    url = reverse(url_name, kwargs=objects[key] if key else None)

    run_matrix_case(client_as(cast[role]), role, url, method, form_data(url_name, objects), allowed, allowed_status)


# The two tests below run in this order: what an allowed request writes in one case is rolled back
# before the next, and the data built once for the module is still there.
AS_BUILT = {}


@pytest.mark.django_db
def test_an_allowed_request_changes_the_shared_data(client_as, officer, objects):
    AS_BUILT["marks"] = table_marks()

    client = client_as(officer)
    verified = client.post(
        reverse("awards:proposal_action", kwargs=objects["verify"]), form_data("awards:proposal_action", objects)
    )
    deleted = client.post(reverse("awards:nominee_delete", kwargs=objects["nominee"]))

    assert (verified.status_code, deleted.status_code) == (302, 302)
    assert Proposal.objects.get(pk=objects["verify"]["pk"]).state != "submitted"
    assert not Nominee.objects.filter(pk=objects["nominee"]["pk"]).exists()
    assert table_marks() != AS_BUILT["marks"]


@pytest.mark.django_db
def test_the_next_case_finds_the_shared_data_as_built(objects):
    assert Proposal.objects.get(pk=objects["verify"]["pk"]).state == "submitted"
    assert Nominee.objects.filter(pk=objects["nominee"]["pk"]).exists()
    if AS_BUILT:
        assert table_marks() == AS_BUILT["marks"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["unit_officer", "council_member", "outsider"])
def test_admin_site_is_for_administrators_only(client_as, cast, role):
    response = client_as(cast[role]).get("/admin/awards/proposal/")

    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model",
    [
        "award",
        "legalparameter",
        "proposal",
        "nominee",
        "proposaldocument",
        "councilsession",
        "councilvote",
        "decision",
        "awardrecord",
        "initiative",
        "disciplinecase",
    ],
)
def test_admin_lists_every_model(client_as, administrator, objects, model):
    response = client_as(administrator).get(f"/admin/awards/{model}/?q=a")

    assert response.status_code == 200
