"""Role x URL matrix for the platform's pages; each denial leaves the data untouched."""

import pytest
from django.urls import reverse

from directory.models import Unit
from tests.factories import PersonFactory, UnitFactory
from tests.permissions import (
    OFFICERS,
    ROLES,
    SIGNED_IN,
    built_once_per_module,
    matrix_cases,
    recorded_writes,
    run_matrix_case,
    table_marks,
    write_marks,
)

EVERYONE = frozenset(ROLES)
PEOPLE_READERS = OFFICERS | {"unit_officer"}

# (url name, kwargs key, method, roles allowed, status when allowed)
MATRIX = [
    ("portal:dashboard", None, "get", SIGNED_IN, 200),
    ("healthz", None, "get", EVERYONE, 200),
    ("login", None, "get", {"anonymous"}, 200),
    ("logout", None, "post", EVERYONE, 302),
    ("password_change", None, "get", SIGNED_IN, 200),
    ("password_change_done", None, "get", SIGNED_IN, 200),
    ("directory:unit_list", None, "get", SIGNED_IN, 200),
    ("directory:unit_autocomplete", None, "get", SIGNED_IN, 200),
    ("directory:unit_detail", "unit", "get", SIGNED_IN, 200),
    ("directory:unit_create", None, "get", OFFICERS, 200),
    ("directory:unit_create", None, "post", OFFICERS, 302),
    ("directory:unit_update", "unit", "get", OFFICERS, 200),
    ("directory:unit_update", "unit", "post", OFFICERS, 302),
    ("directory:person_list", None, "get", PEOPLE_READERS, 200),
    ("directory:person_autocomplete", None, "get", PEOPLE_READERS, 200),
    ("directory:person_detail", "own_person", "get", PEOPLE_READERS, 200),
    ("directory:person_detail", "other_person", "get", OFFICERS, 200),
    ("directory:person_create", None, "get", OFFICERS, 200),
    ("directory:person_create", None, "post", OFFICERS, 302),
    ("directory:person_update", "own_person", "get", OFFICERS, 200),
    ("directory:person_update", "own_person", "post", OFFICERS, 302),
    ("directory:import", None, "get", OFFICERS, 200),
    ("directory:import", None, "post", OFFICERS, 400),
    ("directory:import_template", "template", "get", OFFICERS, 200),
]


def build_objects(cast):
    unit = UnitFactory(name="Sở Y tế", kind="department")
    return {
        "unit": {"pk": unit.pk},
        "own_person": {"pk": PersonFactory(unit=cast["member_unit"]).pk},
        "other_person": {"pk": PersonFactory(unit=unit).pk},
        "template": {"kind": "units"},
    }


shared_data = built_once_per_module(build_objects)


@pytest.fixture
def objects(shared_data):
    return shared_data.objects


def form_data(url_name, objects):
    if url_name.startswith("directory:unit"):
        return {"name": "Đơn vị sửa đổi", "kind": "agency"}
    if url_name.startswith("directory:person"):
        return {"full_name": "Người sửa đổi", "gender": "female", "unit": objects["unit"]["pk"]}
    return {"kind": "units"}


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, objects, role, url_name, key, method, allowed, allowed_status):
    expected = None
    if url_name == "login" and role != "anonymous":
        expected = 302  # signed-in users are sent on to their dashboard
    if url_name == "logout":
        expected = 302
    url = reverse(url_name, kwargs=objects[key] if key else None)

    run_matrix_case(
        client_as(cast[role]),
        role,
        url,
        method,
        form_data(url_name, objects),
        allowed,
        allowed_status,
        expected=expected,
    )


@pytest.mark.django_db
def test_the_nothing_changed_checks_see_inserts_updates_and_deletes(client, officer, objects):
    before = table_marks()
    written_before = write_marks()
    with recorded_writes() as writes:
        Unit.objects.filter(pk=objects["unit"]["pk"]).update(name="Đổi tên")
    # A change in place leaves counts and highest keys alone: the recorded writes show it.
    assert table_marks() == before
    assert [sql.split()[0] for sql in writes] == ["UPDATE"]

    with recorded_writes() as writes:
        UnitFactory().delete()
    assert {sql.split()[0] for sql in writes} == {"INSERT", "DELETE"}  # the unit and its audit entries
    assert table_marks() != before
    assert write_marks() != written_before  # an inserted row deleted again still moves the marks

    # Signing in writes a session and the last login: neither is the portal's data.
    with recorded_writes() as writes:
        client.force_login(officer)
    assert writes == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["unit_officer", "council_member", "outsider"])
def test_admin_site_is_for_administrators_only(client_as, cast, role):
    response = client_as(cast[role]).get("/admin/directory/unit/")

    assert response.status_code == 302
    assert "/admin/login/" in response.headers["Location"]


@pytest.mark.django_db
def test_admin_site_lists_units_for_administrators(client_as, administrator):
    UnitFactory(name="Hà Nội")

    response = client_as(administrator).get("/admin/directory/unit/?q=Hà")

    assert response.status_code == 200
    assert "Hà Nội" in response.content.decode()
