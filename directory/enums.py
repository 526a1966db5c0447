from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Province or centrally-run city")
    DEPARTMENT = "department", _("Provincial department or agency")
    DISTRICT = "district", _("District, town or provincial city (before 2025)")
    COMMUNE = "commune", _("Commune, ward or special zone")
    AGENCY = "agency", _("Agency")
    ENTERPRISE = "enterprise", _("Enterprise")
    SCHOOL = "school", _("School")
    ASSOCIATION = "association", _("Association")
    OTHER = "other", _("Other")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Role(models.TextChoices):
    PROVINCIAL_OFFICER = "provincial_officer", _("Provincial officer")
    UNIT_OFFICER = "unit_officer", _("Unit officer")
    COUNCIL_MEMBER = "council_member", _("Council member")
    ADMINISTRATOR = "administrator", _("Administrator")
