"""Role x URL matrix for the decision in the Decree 30/2020 form (the PDF); a denial changes nothing."""

from datetime import date

from django.urls import reverse

from awards.models import Decision
from tests.factories.awards import ProposalFactory, legal_parameters
from tests.permissions import OFFICERS, built_once_per_module, matrix_cases, run_matrix_case

PROPOSAL_READERS = OFFICERS | {"unit_officer", "council_member"}

# (url name, kwargs key, method, roles allowed, status when allowed)
MATRIX = [
    ("awards:decision_pdf", "decision", "get", PROPOSAL_READERS, 200),
    ("awards:decision_pdf", "other", "get", OFFICERS | {"council_member"}, 200),
]


def build_objects(cast):
    legal_parameters()
    decisions = {}
    for key, unit in (("decision", cast["member_unit"]), ("other", None)):
        proposal = ProposalFactory(state="decided", **({"unit": unit} if unit else {}))
        decisions[key] = {
            "pk": Decision.objects.create(
                proposal=proposal,
                number=f"{key}/QĐ-UBND",
                signed_on=date(2025, 12, 30),
                signer="Chủ tịch",
                base_salary=2340000,
                created_by=cast["officer"],
            ).pk
        }
    return decisions


shared_data = built_once_per_module(build_objects)


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, shared_data, role, url_name, key, method, allowed, allowed_status):
    url = reverse(url_name, kwargs=shared_data.objects[key])

    run_matrix_case(client_as(cast[role]), role, url, method, {}, allowed, allowed_status)
