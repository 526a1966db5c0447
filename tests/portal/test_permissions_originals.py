"""Role x URL matrix of the signed originals' pages (issue 15, originals), with the nothing-changed
check after each denial: the office signs a decision (sign, prepare, upload); whoever may see the
decision downloads its versions (the proposing unit, the council once it has seen the dossier)."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.test.utils import override_settings
from django.urls import reverse

from awards.models import Decision
from portal.models import SignedVersion
from reports.rules import can_sign_stat_report
from tests.factories.awards import ProposalFactory
from tests.permissions import OFFICERS, built_once_per_module, matrix_cases, run_matrix_case

READERS = OFFICERS | {"unit_officer", "council_member"}

# (url name, kwargs key, method, roles allowed, status when allowed)
MATRIX = [
    ("portal:original_sign", "document", "get", OFFICERS, 200),
    ("portal:original_sign", "document", "post", OFFICERS, 302),  # no key configured here: refused, nothing written
    ("portal:original_prepare", "document", "get", OFFICERS, 200),
    ("portal:original_upload", "document", "get", OFFICERS, 200),
    ("portal:original_upload", "document", "post", OFFICERS, 400),  # no file: the form's error
    ("portal:original_download", "version", "get", READERS, 200),
]


def build_objects(cast):
    proposal = ProposalFactory(unit=cast["member_unit"], year=2025, state="decided", title="Đề nghị năm 2025")
    decision = Decision.objects.create(
        proposal=proposal,
        number="31/QĐ-UBND",
        signed_on=date(2026, 1, 5),
        signer="Chủ tịch UBND tỉnh Phạm Quang Ngọc",
        level="provincial",
        base_salary=Decimal(2340000),
        created_by=cast["officer"],
    )
    version = SignedVersion.objects.create(
        content_type=ContentType.objects.get_for_model(Decision),
        object_id=decision.pk,
        key="decision",
        number=1,
        file=ContentFile(b"%PDF-1.7 signed", name="v1.pdf"),
        sha256="0" * 64,
        source_sha256="1" * 64,
        how="portal_key",
        signature_state="valid",
        made_by=cast["officer"],
    )
    return {"document": {"key": "decision", "object_id": decision.pk}, "version": {"pk": version.pk}}


shared_data = built_once_per_module(build_objects)


@pytest.fixture
def objects(shared_data):
    return shared_data.objects


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, objects, role, url_name, key, method, allowed, allowed_status):
    url = reverse(url_name, kwargs=objects[key])
    with override_settings(SIGNING_PKCS12_FILE="", SIGNING_PKCS11_MODULE=""):
        run_matrix_case(client_as(cast[role]), role, url, method, {}, allowed, allowed_status)


@pytest.mark.django_db
def test_an_unknown_document_or_row_answers_404(client_as, cast, objects):
    client = client_as(cast["officer"])
    assert client.get(reverse("portal:original_sign", args=["nothing", 1])).status_code == 404
    assert client.get(reverse("portal:original_sign", args=["decision", 999999])).status_code == 404
    assert client.get(reverse("portal:original_download", args=[999999])).status_code == 404


def test_a_statistical_form_is_signed_only_once_final(cast_users=None):
    from directory.models import User
    from reports.models import StatReport

    officer = User(is_provincial_officer=True)
    assert can_sign_stat_report(officer, StatReport(state="final"))
    assert not can_sign_stat_report(officer, StatReport(state="draft"))
    assert not can_sign_stat_report(User(is_unit_officer=True), StatReport(state="final"))
