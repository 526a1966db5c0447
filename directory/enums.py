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


class DutyRatingLevel(models.TextChoices):
    """The yearly rating of duty completion (mức độ hoàn thành nhiệm vụ), best first."""

    EXCELLENT = "excellent", _("Completed duties excellently")
    GOOD = "good", _("Completed duties well")
    COMPLETED = "completed", _("Completed duties")
    NOT_COMPLETED = "not_completed", _("Did not complete duties")

    @classmethod
    def rank(cls, value):
        """Higher is better: excellent 3, good 2, completed 1, not completed 0."""
        return {cls.EXCELLENT: 3, cls.GOOD: 2, cls.COMPLETED: 1, cls.NOT_COMPLETED: 0}[value]

    @classmethod
    def at_least(cls, value):
        """The levels equal to or better than `value` ("good or better": at_least(GOOD))."""
        return frozenset(level for level in cls if cls.rank(level) >= cls.rank(value))


class PositionTier(models.TextChoices):
    """The five tiers of individuals the statistical forms 0602 and 0603 count (Circular 02/2023/TT-BNV)."""

    SENIOR_LEADER = "senior_leader", _("Leader at ministry or province level and above")
    DEPARTMENT_LEADER = "department_leader", _("Leader at department level or equivalent")
    BUSINESS = "business", _("Business person")
    OTHER_LEADER = "other_leader", _("Other leader, from deputy head of division up")
    DIRECT_WORKER = "direct_worker", _("Working directly (workers, farmers, soldiers and others)")


class OfficeStructure(models.TextChoices):
    """Where an organisation doing emulation and commendation work sits (form 0604.N's rows)."""

    CENTRAL_DEPARTMENT = "central_department", _("Department-level unit of a central body")
    CENTRAL_DIVISION = "central_division", _("Division under a central department-level unit")
    PROVINCIAL_BOARD = "provincial_board", _("Board under the Department of Home Affairs")
    PROVINCIAL_DIVISION = "provincial_division", _("Division under the board or the Department of Home Affairs")
    DEPARTMENT_UNIT = "department_unit", _("Division or section of a provincial department or agency")
    COMMUNE_UNIT = "commune_unit", _("Section of a commune, ward or special zone")


class TrainingLevel(models.TextChoices):
    """Highest training of a civil servant (form 0605.N)."""

    PRIMARY_VOCATIONAL = "primary_vocational", _("Primary vocational")
    INTERMEDIATE = "intermediate", _("Intermediate")
    COLLEGE = "college", _("College")
    UNIVERSITY = "university", _("University")
    POSTGRADUATE = "postgraduate", _("Postgraduate")
