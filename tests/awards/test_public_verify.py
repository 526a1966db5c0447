"""The public verification page (issue 15, certificates): no login, the public facts of an award by its
code, never a private field; an unknown code is a 404 in the public layout; throttled; constant queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.domain import catalogue
from awards.models import AwardRecord, Decision, IssuedCertificate
from tests.factories.awards import ProposalFactory, catalogue_award, legal_parameters
from tests.factories.directory import PersonFactory
from tests.permissions import built_once_per_module

BIRTH = date(1979, 3, 14)
EMAIL = "lan.pham@example.vn"


def build_objects(cast):
    legal_parameters()
    proposal = ProposalFactory(unit=cast["member_unit"], year=2025, state="decided")
    decision = Decision.objects.create(
        proposal=proposal,
        number="2968/QĐ-UBND",
        signed_on=date(2025, 12, 22),
        signer="Chủ tịch UBND tỉnh Phạm Quang Ngọc",
        base_salary=Decimal(2340000),
        created_by=cast["officer"],
    )
    person = PersonFactory(full_name="Phạm Thị Lan", unit=cast["member_unit"], date_of_birth=BIRTH, email=EMAIL)
    record = AwardRecord.objects.create(
        award=catalogue_award(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL),
        recipient_name=person.full_name,
        person=person,
        unit=cast["member_unit"],
        year=2025,
        decision=decision,
        decision_number=decision.number,
        decided_on=decision.signed_on,
        amount=Decimal(3510000),
        source="decision",
    )
    return {"record": record.pk, "code": record.verification_code, "unit": cast["member_unit"].name}


shared_data = built_once_per_module(build_objects)
pytestmark = pytest.mark.django_db


def _issue(record_pk, state="valid", officer=None):
    """A stored certificate row (its state set as verification would; the real signing is in test_certificates)."""
    certificate = IssuedCertificate(
        record_id=record_pk,
        sha256="0" * 64,
        content_key="k",
        signed_at=timezone.now(),
        issued_by=officer,
    )
    certificate.file.save("c.txt", ContentFile(b"not a pdf"), save=False)
    certificate.save()
    IssuedCertificate.objects.filter(pk=certificate.pk).update(signature_state=state, signature_summary="Chữ ký hợp lệ")
    return certificate


def test_shows_the_public_facts_and_never_the_private_ones(client, shared_data):
    objects = shared_data.objects
    response = client.get(reverse("public:verify", args=[objects["code"]]), HTTP_ACCEPT_LANGUAGE="vi")
    page = response.content.decode()
    assert response.status_code == 200
    for shown in (
        "Phạm Thị Lan",
        objects["unit"],
        "Bằng khen của Chủ tịch UBND tỉnh (cá nhân)",
        "2968/QĐ-UBND",
        "22/12/2025",
        "2025",
        objects["code"],
        "Chưa cấp bằng khen điện tử",
    ):
        assert shown in page, shown
    for hidden in (EMAIL, "14/03/1979", "1979", "3.510.000", "Chuyên viên"):
        assert hidden not in page, hidden
    assert 'class="public"' in page  # the public layout, no menu


def test_a_code_is_read_as_typed_and_the_form_sends_it_to_its_page(client, shared_data):
    code = shared_data.objects["code"]
    typed = f" {code[:5].lower()}-{code[5:]} "
    response = client.get(reverse("public:verify_form"), {"code": typed})
    assert response.status_code == 302 and response["Location"] == reverse("public:verify", args=[code])
    assert client.get(reverse("public:verify", args=[code.lower()])).status_code == 200
    empty = client.get(reverse("public:verify_form"), {"code": " "}, HTTP_ACCEPT_LANGUAGE="vi")
    assert empty.status_code == 400 and "Hãy nhập mã in trên bằng" in empty.content.decode()


def test_an_unknown_code_is_a_clear_404_in_the_public_layout(client):
    for code in ("ZZZZZ22222", "short", "x" * 300):
        response = client.get(reverse("public:verify", args=[code]), HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code == 404
        page = response.content.decode()
        assert "Không có khen thưởng nào mang mã này" in page and 'class="public"' in page


def test_the_signature_state_of_the_latest_certificate_is_shown(client, shared_data, cast):
    record = shared_data.objects["record"]
    _issue(record, state="modified", officer=cast["officer"])
    _issue(record, state="valid", officer=cast["officer"])
    page = client.get(reverse("public:verify", args=[shared_data.objects["code"]]), HTTP_ACCEPT_LANGUAGE="vi")
    assert 'data-signature="valid"' in page.content.decode()


def test_throttled_past_the_limit(client, shared_data, settings):
    settings.THROTTLE_RATES = {"verify": 3}
    url = reverse("public:verify", args=[shared_data.objects["code"]])
    assert [client.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert client.get(reverse("public:verify_form")).status_code == 200  # reading the form is free
    assert client.get(reverse("public:verify_form"), {"code": "ABC"}).status_code == 429


def test_queries_do_not_grow_with_the_certificates(client, shared_data, cast):
    url = reverse("public:verify", args=[shared_data.objects["code"]])

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    _issue(shared_data.objects["record"], officer=cast["officer"])
    one = count()
    for _ in range(5):
        _issue(shared_data.objects["record"], officer=cast["officer"])
    assert count() == one <= 4
