"""Role x URL matrix of the certificates (issue 15, certificates): officers (administrators are officers)
print a decision's blanks; officers and the recipient's unit sign a record's digital certificate; only
administrators preview a layout; anyone, signed in or not, checks an award by its code."""

import json
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.urls import reverse

from awards.domain import catalogue
from awards.models import AwardRecord, Decision
from tests.factories.awards import ProposalFactory, catalogue_award, legal_parameters
from tests.factories.directory import UnitFactory
from tests.permissions import OFFICERS, ROLES, built_once_per_module, matrix_cases, run_matrix_case
from tests.signing_ca import make_ca

EVERYONE = frozenset(ROLES)
RECIPIENT_UNIT = OFFICERS | {"unit_officer"}

# (url name, kwargs key, method, roles allowed, status when allowed)
MATRIX = [
    ("awards:decision_certificates", "decision", "get", OFFICERS, 200),
    ("awards:record_certificate", "own_record", "get", RECIPIENT_UNIT, 200),
    ("awards:record_certificate", "own_record", "post", RECIPIENT_UNIT, 200),
    ("awards:record_certificate", "other_record", "get", OFFICERS, 200),
    ("awards:record_certificate", "other_record", "post", OFFICERS, 200),
    ("awards:certificate_layout_preview", None, "post", {"administrator"}, 200),
    ("public:verify_form", None, "get", EVERYONE, 200),
    ("public:verify", "code", "get", EVERYONE, 200),
]

# The signer of this module: a throwaway CA written once to a temporary folder.
_FOLDER = Path(tempfile.mkdtemp(prefix="certificates-ca-"))
_CA = make_ca()
(_FOLDER / "password").write_text("mat-khau", encoding="utf-8")
SIGNING = {
    "SIGNING_PKCS11_MODULE": "",
    "SIGNING_PKCS12_FILE": str(_CA.write_pkcs12(_FOLDER / "signer.p12", "mat-khau")),
    "SIGNING_PKCS12_PASSWORD_FILE": str(_FOLDER / "password"),
    "SIGNING_TRUST_ROOTS": str(_CA.write_root(_FOLDER / "root.pem")),
}


def build_objects(cast):
    legal_parameters()
    proposal = ProposalFactory(unit=cast["member_unit"], year=2025, state="decided")
    decision = Decision.objects.create(
        proposal=proposal,
        number="77/QĐ-UBND",
        signed_on=date(2025, 12, 22),
        signer="Chủ tịch UBND tỉnh Phạm Quang Ngọc",
        base_salary=Decimal(2340000),
        created_by=cast["officer"],
    )

    def record(unit, name):
        return AwardRecord.objects.create(
            award=catalogue_award(catalogue.CHAIRMAN_CERTIFICATE_COLLECTIVE),
            recipient_name=name,
            unit=unit,
            is_collective=True,
            year=2025,
            decision=decision,
            decision_number=decision.number,
            decided_on=decision.signed_on,
            source="decision",
        )

    own = record(cast["member_unit"], cast["member_unit"].name)
    other = record(UnitFactory(name="Sở Y tế tỉnh Ninh Bình"), "Sở Y tế tỉnh Ninh Bình")
    return {
        "decision": {"pk": decision.pk},
        "own_record": {"pk": own.pk},
        "other_record": {"pk": other.pk},
        "code": {"code": own.verification_code},
        "award": own.award_id,
    }


shared_data = built_once_per_module(build_objects, **SIGNING)


def form_data(url_name, objects):
    if url_name == "awards:certificate_layout_preview":
        fields = [{"field": "recipient_name", "x_mm": 20, "y_mm": 20, "width_mm": 100, "size_pt": 14}]
        return {
            "award": objects["award"],
            "page_width_mm": "297",
            "page_height_mm": "210",
            "fields": json.dumps(fields),
        }
    return {}


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, shared_data, role, url_name, key, method, allowed, allowed_status):
    objects = shared_data.objects
    url = reverse(url_name, kwargs=objects[key] if key else None)
    run_matrix_case(client_as(cast[role]), role, url, method, form_data(url_name, objects), allowed, allowed_status)
