"""Role x URL matrix for the nominee form's suggestions (issue 12, "bounds"); a denial changes nothing."""

from django.urls import reverse

from tests.factories.awards import ProposalFactory
from tests.factories.directory import UnitFactory
from tests.permissions import OFFICERS, built_once_per_module, matrix_cases, run_matrix_case

UNIT = OFFICERS | {"unit_officer"}

# (url name, kwargs key, method, roles allowed, status when allowed)
MATRIX = [
    ("awards:nominee_people", "own", "get", UNIT, 200),
    ("awards:nominee_people", "other", "get", OFFICERS, 200),
    ("awards:nominee_people", "submitted", "get", (), 200),  # no longer editable: nobody adds nominees
    ("awards:nominee_units", "own", "get", UNIT, 200),
    ("awards:nominee_units", "other", "get", OFFICERS, 200),
    ("awards:nominee_units", "submitted", "get", (), 200),
    # The proposal form's suggestions (issue 13): whoever may create a proposal; what each sees is
    # narrowed to what it may link (tests/awards/test_bounds.py).
    ("awards:review_suggestions", None, "get", UNIT, 200),
    ("awards:term_suggestions", None, "get", UNIT, 200),
]


def build_objects(cast):
    member_unit = cast["member_unit"]
    return {
        "own": {"pk": ProposalFactory(unit=member_unit).pk},
        "other": {"pk": ProposalFactory(unit=UnitFactory()).pk},
        "submitted": {"pk": ProposalFactory(unit=member_unit, state="submitted").pk},
    }


shared_data = built_once_per_module(build_objects)


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, shared_data, role, url_name, key, method, allowed, allowed_status):
    url = reverse(url_name, kwargs=shared_data.objects[key] if key else None)

    run_matrix_case(client_as(cast[role]), role, url, method, {}, allowed, allowed_status)
