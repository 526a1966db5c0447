from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory of units and people")

    def ready(self):
        from portal.audit import register

        from .models import DutyRating, OfficeOrganisation, OfficeStaff, Person, Unit, User

        register(Unit, Person, DutyRating, OfficeOrganisation, OfficeStaff)
        register(User, exclude_fields=("password", "last_login"))
