"""Load the demo data of every app, in dependency order. Safe to run again."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.navigation import OUR_APPS


def demo_modules():
    modules = []
    for app in OUR_APPS:
        try:
            modules.append(import_module(f"{app}.domain.demo"))
        except ModuleNotFoundError as error:
            if error.name not in (f"{app}.domain", f"{app}.domain.demo"):
                raise
    return modules


class Command(BaseCommand):
    help = "Load the demo data (units, movements, clusters, awards, reports) and the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-logins", action="store_true", help="Load the demo data but create no demo logins."
        )

    def handle(self, *args, without_logins=False, **options):
        if settings.PRODUCTION and not without_logins:
            raise CommandError(
                "Refusing to create demo logins in production mode (DATABASE_URL is set). "
                "Use --without-logins to load only the demo data."
            )
        logins = []
        for module in demo_modules():
            logins.extend(module.seed(with_logins=not without_logins))
            self.stdout.write(f"Loaded demo data: {module.__name__.split('.')[0]}")
        if logins:
            self.stdout.write("")
            self.stdout.write("Demo logins (username / password: role, unit):")
            for login in logins:
                self.stdout.write(f"  {login.username:<12} / {login.password}: {login.role}, {login.unit}")
