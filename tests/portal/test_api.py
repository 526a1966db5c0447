"""The REST API (issue 16): token authentication, the pages' object rules, the dossier submitted
end to end through the pages' domain functions, refusals as JSON with the pages' sentences."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from awards.domain import catalogue
from awards.models import Nominee, Proposal, ProposalDocument
from portal.api.tokens import hash_key, issue_token, revoke_token
from portal.enums import NotificationKind
from portal.errors import DomainError
from portal.models import ApiToken, Notification
from tests.factories.awards import ProposalFactory, catalogue_award, legal_parameters
from tests.factories.directory import PersonFactory, UnitFactory
from tests.files import HTML, PDF

pytestmark = pytest.mark.django_db


def api(client, method, name, key=None, data=None, *, multipart=False, **kwargs):
    """Call the API route `name` (api:<name>) with `Authorization: Token <key>`."""
    url = reverse(f"api:{name}", kwargs=kwargs or None)
    headers = {"Authorization": f"Token {key}"} if key else {}
    if method == "get":
        return client.get(url, data or {}, headers=headers)
    if multipart:
        return client.post(url, data or {}, headers=headers)
    return client.post(url, data or {}, content_type="application/json", headers=headers)


@pytest.fixture
def world(officer, unit_officer, administrator, member_unit):
    legal_parameters()
    other_unit = UnitFactory(name="Sở Y tế tỉnh Ninh Bình")
    unit_token, unit_key = issue_token(name="Văn phòng điện tử Sở GD", scope="unit", unit=member_unit, by=administrator)
    _token, province_key = issue_token(name="Trục liên thông tỉnh", scope="province_read", by=administrator)
    return {
        "member_unit": member_unit,
        "other_unit": other_unit,
        "own": ProposalFactory(unit=member_unit, year=timezone.localdate().year),
        "other": ProposalFactory(unit=other_unit, year=timezone.localdate().year),
        "unit_token": unit_token,
        "unit_key": unit_key,
        "province_key": province_key,
        "person": PersonFactory(unit=member_unit),
        "award": catalogue_award(catalogue.ADVANCED_WORKER),
    }


# --- Authentication ---------------------------------------------------------------------------
def test_no_token_is_refused_with_json(client, world):
    response = api(client, "get", "proposal-list")

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"] == "Token"
    assert "detail" in response.json()


def test_a_session_does_not_open_the_api(client, world, officer):
    client.force_login(officer)

    assert api(client, "get", "proposal-list").status_code == 401


def test_wrong_key_is_refused(client, world):
    response = api(client, "get", "proposal-list", "not-a-key")

    assert response.status_code == 401
    assert response.json() == {"detail": "Khóa API không hợp lệ."}


def test_revoked_key_is_refused(client, world, administrator):
    assert api(client, "get", "proposal-list", world["unit_key"]).status_code == 200
    revoke_token(token=world["unit_token"], by=administrator, reason="Hệ thống ngừng sử dụng")

    response = api(client, "get", "proposal-list", world["unit_key"])

    assert response.status_code == 401
    assert response.json() == {"detail": "Khóa API này đã bị thu hồi."}
    world["unit_token"].refresh_from_db()
    assert world["unit_token"].revoked_by == administrator
    assert world["unit_token"].user.is_active is False


def test_only_the_hash_of_the_key_is_kept(world):
    token = world["unit_token"]

    assert token.key_hash == hash_key(world["unit_key"]) != world["unit_key"]
    assert token.prefix == world["unit_key"][:8]
    assert not ApiToken.objects.filter(key_hash=world["unit_key"]).exists()


def test_a_unit_token_needs_its_unit_and_revoking_needs_a_reason(world, administrator):
    with pytest.raises(DomainError, match="đơn vị"):
        issue_token(name="X", scope="unit", by=administrator)
    with pytest.raises(DomainError, match="lý do"):
        revoke_token(token=world["unit_token"], by=administrator, reason=" ")
    world["unit_token"].refresh_from_db()
    assert world["unit_token"].revoked_at is None


def test_last_use_is_stamped_on_an_answered_request(client, world):
    assert world["unit_token"].last_used_at is None

    api(client, "get", "unit-list", world["unit_key"])

    world["unit_token"].refresh_from_db()
    assert world["unit_token"].last_used_at is not None


# --- The pages' object rules -----------------------------------------------------------------
def test_a_unit_token_lists_its_own_dossiers_only(client, world):
    response = api(client, "get", "proposal-list", world["unit_key"])

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert [row["id"] for row in response.json()["results"]] == [world["own"].pk]
    assert api(client, "get", "proposal-detail", world["unit_key"], pk=world["own"].pk).status_code == 200
    assert api(client, "get", "proposal-detail", world["unit_key"], pk=world["other"].pk).status_code == 404


def test_a_unit_token_cannot_write_as_another_unit(client, world):
    before = Proposal.objects.count()

    created = api(
        client,
        "post",
        "proposal-list",
        world["unit_key"],
        {"unit": world["other_unit"].pk, "title": "Đề nghị", "commendation_type": "regular", "year": 2026},
    )
    nominee = api(
        client,
        "post",
        "proposal-nominees",
        world["unit_key"],
        {"award": world["award"].pk, "person": world["person"].pk},
        pk=world["other"].pk,
    )
    submitted = api(client, "post", "proposal-submit", world["unit_key"], pk=world["other"].pk)

    assert created.status_code == 400 and "unit" in created.json()
    assert nominee.status_code == 404
    assert submitted.status_code == 404
    assert Proposal.objects.count() == before
    assert not Nominee.objects.exists()


def test_the_province_token_reads_all_and_never_writes(client, world):
    key = world["province_key"]
    listed = api(client, "get", "proposal-list", key)

    assert {row["id"] for row in listed.json()["results"]} == {world["own"].pk, world["other"].pk}
    writes = [
        api(client, "post", "proposal-list", key, {"title": "X", "commendation_type": "regular", "year": 2026}),
        api(client, "post", "proposal-nominees", key, {"award": world["award"].pk}, pk=world["own"].pk),
        api(client, "post", "proposal-documents", key, {"kind": "evidence"}, multipart=True, pk=world["own"].pk),
        api(client, "post", "proposal-submit", key, pk=world["own"].pk),
    ]
    assert [response.status_code for response in writes] == [403] * 4
    assert writes[0].json() == {"detail": "Khóa API này chỉ đọc: khóa của tỉnh không ghi được dữ liệu."}
    assert Proposal.objects.count() == 2


# --- A dossier submitted by a unit's system ---------------------------------------------------
def test_dossier_submission_end_to_end(client, world, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    key = world["unit_key"]
    year = timezone.localdate().year

    created = api(
        client,
        "post",
        "proposal-list",
        key,
        {"title": "Khen thưởng năm học", "commendation_type": "regular", "year": year},
    )
    assert created.status_code == 201, created.json()
    proposal = created.json()
    assert proposal["unit"] == world["member_unit"].pk and proposal["state"] == "draft"

    nominee = api(
        client,
        "post",
        "proposal-nominees",
        key,
        {"award": world["award"].pk, "person": world["person"].pk},
        pk=proposal["id"],
    )
    assert nominee.status_code == 201, nominee.json()
    assert nominee.json()["recipient_name"] == world["person"].full_name

    # The rule the page enforces, with the page's sentence: the missing documents.
    refused = api(client, "post", "proposal-submit", key, pk=proposal["id"])
    assert refused.status_code == 400
    assert refused.json()["detail"].startswith("Hồ sơ còn thiếu: ")

    # A fake "PDF" is refused by its content; nothing is written.
    fake = SimpleUploadedFile("to-trinh.pdf", HTML, content_type="application/pdf")
    response = api(
        client,
        "post",
        "proposal-documents",
        key,
        {"kind": "cover_letter", "file": fake},
        multipart=True,
        pk=proposal["id"],
    )
    assert response.status_code == 400
    assert "file" in response.json()
    assert not ProposalDocument.objects.exists()
    assert not any(tmp_path.rglob("*.*"))

    missing = api(client, "get", "proposal-detail", key, pk=proposal["id"]).json()["missing_documents"]
    assert missing
    for kind in missing:
        upload = SimpleUploadedFile(f"{kind}.pdf", PDF, content_type="application/pdf")
        response = api(
            client, "post", "proposal-documents", key, {"kind": kind, "file": upload}, multipart=True, pk=proposal["id"]
        )
        assert response.status_code == 201, response.json()

    submitted = api(client, "post", "proposal-submit", key, pk=proposal["id"])

    assert submitted.status_code == 200, submitted.json()
    assert submitted.json()["state"] == "submitted"
    told = Notification.objects.get(recipient=officer)
    assert told.kind == NotificationKind.DOSSIER_SUBMITTED
    # The province token's service user is a provincial officer too, but a system has no inbox.
    assert list(Notification.objects.values_list("recipient", flat=True)) == [officer.pk]
    assert told.link == reverse("awards:proposal_detail", args=[proposal["id"]])
    # The same as the page: the submitted dossier is no longer the unit's to change.
    again = api(client, "post", "proposal-submit", key, pk=proposal["id"])
    assert again.status_code == 403


def test_a_refusal_is_the_pages_sentence(client, world, unit_officer):
    """A nominee outside the unit is refused with the nominee page's own sentence."""
    stranger = PersonFactory(unit=world["other_unit"])
    data = {"award": world["award"].pk, "person": stranger.pk}

    response = api(client, "post", "proposal-nominees", world["unit_key"], data, pk=world["own"].pk)
    client.force_login(unit_officer)
    page = client.post(reverse("awards:nominee_add", args=[world["own"].pk]), data, follow=True)

    assert response.status_code == 400
    shown = [str(message) for message in page.context["messages"]]
    assert [*response.json()["person"], *response.json()["non_field_errors"]] == shown
    assert "đơn vị" in response.json()["person"][0]
    assert not Nominee.objects.exists()


def test_audit_entries_name_the_tokens_service_user(client, world):
    from auditlog.models import LogEntry

    year = timezone.localdate().year
    created = api(
        client,
        "post",
        "proposal-list",
        world["unit_key"],
        {"title": "Đề nghị", "commendation_type": "regular", "year": year},
    )

    entry = LogEntry.objects.get_for_object(Proposal.objects.get(pk=created.json()["id"])).get()
    assert entry.actor == world["unit_token"].user


def test_a_body_that_is_not_an_object_is_refused(client, world):
    url = reverse("api:proposal-list")
    headers = {"Authorization": f"Token {world['unit_key']}"}

    listed = client.post(url, "[1, 2]", content_type="application/json", headers=headers)
    broken = client.post(url, "{", content_type="application/json", headers=headers)

    assert listed.status_code == 400
    assert listed.json() == {"detail": "Gửi các trường dữ liệu dưới dạng một đối tượng JSON."}
    assert broken.status_code == 400
    assert Proposal.objects.count() == 2


# --- Lists: filters and pagination -----------------------------------------------------------
def test_lists_filter_and_paginate(client, world):
    key = world["province_key"]

    filtered = api(client, "get", "proposal-list", key, {"unit": world["other_unit"].pk})
    paged = api(client, "get", "proposal-list", key, {"page_size": 1})
    bad = api(client, "get", "proposal-list", key, {"state": "nonsense"})

    assert [row["id"] for row in filtered.json()["results"]] == [world["other"].pk]
    assert paged.json()["count"] == 2 and len(paged.json()["results"]) == 1 and paged.json()["next"]
    assert bad.status_code == 400


# --- Rate limit ------------------------------------------------------------------------------
def test_requests_beyond_the_rate_are_refused(client, world, settings):
    settings.API_THROTTLE_RATE = "2/min"

    statuses = [api(client, "get", "unit-list", world["unit_key"]).status_code for _ in range(3)]
    other_token = api(client, "get", "unit-list", world["province_key"]).status_code

    assert statuses == [200, 200, 429]
    assert "Retry-After" in api(client, "get", "unit-list", world["unit_key"]).headers
    assert other_token == 200  # counted per token


# --- Django admin: issued once, revoked with a reason ----------------------------------------
def test_admin_issues_a_key_shown_once_and_revokes_with_a_reason(client, world, administrator, member_unit):
    client.force_login(administrator)

    response = client.post(
        reverse("admin:portal_apitoken_add"),
        {"name": "Cơ sở dữ liệu cán bộ", "scope": "unit", "unit": member_unit.pk},
        follow=True,
    )

    token = ApiToken.objects.get(name="Cơ sở dữ liệu cán bộ")
    shown = [str(message) for message in response.context["messages"]]
    key = next(text.rsplit(" ", 1)[1] for text in shown if token.prefix in text)
    assert token.key_hash == hash_key(key)
    assert key not in client.get(reverse("admin:portal_apitoken_change", args=[token.pk])).content.decode()

    changelist = reverse("admin:portal_apitoken_changelist")
    asked = client.post(changelist, {"action": "revoke", "_selected_action": [token.pk]})
    assert asked.status_code == 200 and "reason" in asked.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None
    client.post(changelist, {"action": "revoke", "_selected_action": [token.pk], "reason": "Đổi khóa"})
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revocation_reason == "Đổi khóa"


def test_admin_refuses_a_unit_token_without_its_unit(client, world, administrator):
    client.force_login(administrator)
    before = ApiToken.objects.count()

    response = client.post(reverse("admin:portal_apitoken_add"), {"name": "X", "scope": "unit"})

    assert response.status_code == 200
    assert ApiToken.objects.count() == before


def test_the_command_issues_a_token_and_prints_its_key_once(world, member_unit):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("issue_api_token", name="CSDL cán bộ", scope="unit", unit=member_unit.code, stdout=out)

    token = ApiToken.objects.get(name="CSDL cán bộ")
    assert token.unit == member_unit and token.user.is_unit_officer and not token.user.has_usable_password()
    assert token.key_hash == hash_key(out.getvalue().strip().rsplit(" ", 1)[1])
