import io

import pytest
from django.core.management import CommandError, call_command

from directory.models import Unit, User


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
