import io

import pytest
from django.core.management import CommandError, call_command

from directory.enums import UnitKind
from directory.models import Unit, User


@pytest.fixture
def embedded_mode(settings):
    settings.PRODUCTION = False


@pytest.mark.django_db
def test_seed_demo_loads_the_63_provinces_and_their_successors(embedded_mode):
    call_command("seed_demo", stdout=io.StringIO())

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
def test_seed_demo_twice_changes_nothing(embedded_mode):
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Unit.objects.count(), User.objects.count())

    call_command("seed_demo", stdout=io.StringIO())

    assert (Unit.objects.count(), User.objects.count()) == counts


@pytest.mark.django_db
def test_seed_demo_prints_one_login_per_role(embedded_mode, capsys):
    call_command("seed_demo")

    output = capsys.readouterr().out
    for username in ("canbo", "donvi", "hoidong", "quantri"):
        assert username in output
    assert User.objects.get(username="quantri").is_superuser


@pytest.mark.django_db
def test_seed_demo_refuses_demo_logins_in_production(settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="Refusing to create demo logins"):
        call_command("seed_demo")

    assert not User.objects.exists()


@pytest.mark.django_db
def test_seed_demo_without_logins_is_allowed_in_production(settings):
    settings.PRODUCTION = True

    call_command("seed_demo", "--without-logins", stdout=io.StringIO())

    assert Unit.objects.filter(code="36").exists()
    assert not User.objects.exists()
