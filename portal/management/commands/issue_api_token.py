"""Issue an API token from the shell (as Django admin does): prints the key once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from portal.api.tokens import issue_token
from portal.errors import DomainError
from portal.models import ApiTokenScope


class Command(BaseCommand):
    help = "Issue a REST API token for a calling system and print its key (shown this once only)."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="The calling system's name.")
        parser.add_argument("--scope", choices=ApiTokenScope.values, required=True)
        parser.add_argument("--unit", default="", help="The unit's administrative code (unit tokens).")
        parser.add_argument("--by", default="", help="The administrator's username, recorded as the issuer.")

    def handle(self, *args, name, scope, unit, by, **options):
        from django.apps import apps

        Unit = apps.get_model("directory", "Unit")
        found = None
        if unit:
            found = Unit.objects.filter(code=unit).first()
            if found is None:
                raise CommandError(f"No unit has the code {unit}.")
        issuer = get_user_model().objects.filter(username=by).first() if by else None
        try:
            token, key = issue_token(name=name, scope=scope, unit=found, by=issuer)
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(f"{token}: {key}")
