"""The API's permission matrix, mirroring the pages' for the main objects: every API URL for each kind
of token (none, revoked, a unit's, the province's read-only one) on its own unit's and another
unit's records. A refused request answers 401 (no or revoked token), 403 (the rule refuses, or a
province token writes) or 404 (a record the token's user may not see), and writes nothing."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from awards.domain import catalogue, workflow
from awards.domain.documents import upload_document
from awards.models import Decision
from portal.api.tokens import issue_token, revoke_token
from tests.factories.awards import AwardRecordFactory, ProposalFactory, catalogue_award, legal_parameters
from tests.factories.directory import PersonFactory, UnitFactory
from tests.factories.movements import MovementFactory
from tests.files import PDF
from tests.permissions import built_once_per_module, recorded_writes, write_marks

TOKENS = ("none", "revoked", "unit", "province")
EVERYONE = {"none": 200, "revoked": 200, "unit": 200, "province": 200}
READERS = {"unit": 200, "province": 200}

# (URL name, object key, method, status by token kind; a kind not named answers 401)
MATRIX = [
    ("api:unit-list", None, "get", READERS),
    ("api:unit-detail", "unit", "get", READERS),
    ("api:movement-list", None, "get", READERS),
    ("api:movement-detail", "movement", "get", READERS),
    ("api:movement-detail", "draft_movement", "get", {"unit": 404, "province": 200}),
    ("api:award-record-list", None, "get", READERS),
    ("api:award-record-detail", "record", "get", READERS),
    ("api:decision-list", None, "get", READERS),
    ("api:decision-detail", "own_decision", "get", READERS),
    ("api:decision-detail", "other_decision", "get", {"unit": 404, "province": 200}),
    ("api:proposal-list", None, "get", READERS),
    ("api:proposal-list", None, "post", {"unit": 201, "province": 403}),
    ("api:proposal-detail", "own", "get", READERS),
    ("api:proposal-detail", "other", "get", {"unit": 404, "province": 200}),
    ("api:proposal-nominees", "own", "post", {"unit": 201, "province": 403}),
    ("api:proposal-nominees", "other", "post", {"unit": 404, "province": 403}),
    ("api:proposal-nominees", "own_submitted", "post", {"unit": 403, "province": 403}),
    ("api:proposal-documents", "own", "post", {"unit": 201, "province": 403}),
    ("api:proposal-documents", "other", "post", {"unit": 404, "province": 403}),
    ("api:proposal-documents", "own_submitted", "post", {"unit": 403, "province": 403}),
    ("api:proposal-submit", "own", "post", {"unit": 200, "province": 403}),
    ("api:proposal-submit", "other", "post", {"unit": 404, "province": 403}),
    ("api:proposal-submit", "own_submitted", "post", {"unit": 403, "province": 403}),
    # The description of the API is public (no data in it).
    ("api:schema", None, "get", EVERYONE),
    ("api:docs", None, "get", EVERYONE),
]


def ready_proposal(unit, person, award, by):
    """A draft of `unit` with a nominee and every document its award requires: submittable."""
    proposal = ProposalFactory(unit=unit, year=date.today().year)
    workflow.add_nominee(proposal=proposal, award=award, person=person, by=by)
    for kind in workflow.missing_documents(proposal):
        upload_document(proposal=proposal, kind=kind, uploaded_file=SimpleUploadedFile(f"{kind}.pdf", PDF), by=by)
    return proposal


def build_objects(cast):
    legal_parameters()
    admin, officer, unit = cast["administrator"], cast["officer"], cast["member_unit"]
    other_unit = UnitFactory(name="Sở Y tế tỉnh Ninh Bình")
    award = catalogue_award(catalogue.ADVANCED_WORKER)
    own = ready_proposal(unit, PersonFactory(unit=unit), award, officer)
    other = ready_proposal(other_unit, PersonFactory(unit=other_unit), award, officer)
    submitted = ready_proposal(unit, PersonFactory(unit=unit), award, officer)
    workflow.submit(proposal=submitted, by=officer)
    decisions = {}
    for name, proposal_unit in (("own_decision", unit), ("other_decision", other_unit)):
        proposal = ProposalFactory(unit=proposal_unit, state="decided")
        decisions[name] = Decision.objects.create(
            proposal=proposal,
            number=f"{name}/QĐ-UBND",
            signed_on=date(2025, 12, 30),
            signer="Chủ tịch",
            base_salary=2_340_000,
            created_by=officer,
        )
    record = AwardRecordFactory(decision=decisions["other_decision"], award=award)
    revoked, revoked_key = issue_token(name="Hệ thống cũ", scope="unit", unit=unit, by=admin)
    revoke_token(token=revoked, by=admin, reason="Ngừng sử dụng")
    return {
        "keys": {
            "unit": issue_token(name="Văn phòng điện tử", scope="unit", unit=unit, by=admin)[1],
            "province": issue_token(name="Trục liên thông", scope="province_read", by=admin)[1],
            "revoked": revoked_key,
        },
        "pks": {
            "unit": unit.pk,
            "movement": MovementFactory(lead_unit=other_unit).pk,
            "draft_movement": MovementFactory(lead_unit=other_unit, state="draft").pk,
            "record": record.pk,
            "own_decision": decisions["own_decision"].pk,
            "other_decision": decisions["other_decision"].pk,
            "own": own.pk,
            "other": other.pk,
            "own_submitted": submitted.pk,
        },
        "nominee_person": PersonFactory(unit=unit).pk,
        "award": award.pk,
    }


shared_data = built_once_per_module(build_objects)


def request_data(url_name, objects):
    if url_name == "api:proposal-list":
        return {"title": "Đề nghị qua API", "commendation_type": "regular", "year": date.today().year}
    if url_name == "api:proposal-nominees":
        return {"award": objects["award"], "person": objects["nominee_person"]}
    if url_name == "api:proposal-documents":
        return {"kind": "evidence", "file": SimpleUploadedFile("minh-chung.pdf", PDF)}
    return None


def call(client, method, url, data, key, multipart):
    headers = {"Authorization": f"Token {key}"} if key else {}
    if method == "get":
        return client.get(url, headers=headers)
    if multipart:
        return client.post(url, data or {}, headers=headers)
    return client.post(url, data or {}, content_type="application/json", headers=headers)


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "key", "method", "statuses"), MATRIX)
@pytest.mark.parametrize("token", TOKENS)
def test_api_permission_matrix(shared_data, token, url_name, key, method, statuses):
    objects = shared_data.objects
    url = reverse(url_name, kwargs={"pk": objects["pks"][key]} if key else None)
    expected = statuses.get(token, 401)
    denied = not 200 <= expected < 300
    before = write_marks() if denied else None

    with recorded_writes() as writes:
        response = call(
            Client(),
            method,
            url,
            request_data(url_name, objects),
            objects["keys"].get(token),
            multipart=url_name == "api:proposal-documents",
        )

    assert response.status_code == expected, response.content[:500]
    if denied:
        assert response["Content-Type"] == "application/json"
        assert "detail" in response.json()
        assert writes == []
        assert write_marks() == before
