"""The demo as `make run` loads it: seeded once for this module (each test's writes are rolled back)."""

import io

import pytest
from django.core.management import call_command

from directory.enums import UnitKind
from directory.models import Unit, User
from tests.permissions import built_once_per_module


def seed_demo(cast):
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    return {"output": output.getvalue()}


shared_data = built_once_per_module(seed_demo, with_cast=False, PRODUCTION=False)


@pytest.mark.django_db
def test_seed_demo_loads_the_63_provinces_and_their_successors():
    before_2025 = Unit.objects.filter(kind=UnitKind.PROVINCE).exclude(valid_from="2025-07-01")
    after_2025 = Unit.objects.filter(kind=UnitKind.PROVINCE).current(on=__import__("datetime").date(2025, 7, 1))
    assert before_2025.count() == 63
    assert after_2025.count() == 34
    nam_dinh = Unit.objects.get(code="36")
    assert nam_dinh.successor.name == "Ninh Bình"
    assert set(nam_dinh.successor.predecessors.filter(kind=UnitKind.PROVINCE).values_list("name", flat=True)) == {
        "Hà Nam",
        "Nam Định",
        "Ninh Bình",
    }


@pytest.mark.django_db
def test_seed_demo_twice_changes_nothing(settings):
    settings.PRODUCTION = False
    counts = (Unit.objects.count(), User.objects.count())

    call_command("seed_demo", stdout=io.StringIO())

    assert (Unit.objects.count(), User.objects.count()) == counts


@pytest.mark.django_db
def test_seed_demo_prints_one_login_per_role(shared_data):
    output = shared_data.objects["output"]

    for username in ("canbo", "donvi", "hoidong", "quantri"):
        assert username in output
    assert User.objects.get(username="quantri").is_superuser


@pytest.mark.django_db
def test_seed_demo_prints_the_blocs_2024_lead_and_member(shared_data):
    lines = shared_data.objects["output"].splitlines()

    for username in ("khoitruong", "thanhvien"):
        (line,) = [line for line in lines if line.strip().startswith(username + " ")]
        assert "2024" in line, line


@pytest.mark.django_db
def test_seed_demo_fills_the_five_statistical_forms_and_leaves_two_records_to_check(shared_data):
    from reports.domain.statforms.counting import problems
    from reports.models import StatReport

    reports = {report.form.code[:4]: report for report in StatReport.objects.select_related("form")}
    assert sorted(reports) == ["0601", "0602", "0603", "0604", "0605"]
    assert all(report.status == "done" and report.values["total"] for report in reports.values())
    unclassified = {code: [(check.key, n) for check, n in problems(r.form, r.year)] for code, r in reports.items()}
    assert unclassified == {"0601": [], "0602": [("no_tier", 1)], "0603": [("no_tier", 1)], "0604": [], "0605": []}
