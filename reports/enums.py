from django.db import models
from django.utils.translation import gettext_lazy as _


class MeasureUnit(models.TextChoices):
    PERCENT = "percent", _("%")
    BILLION_VND = "billion_vnd", _("billion VND")
    MILLION_USD = "million_usd", _("million USD")
    BILLION_USD = "billion_usd", _("billion USD")
    RANK = "rank", _("rank")
    POINTS = "points", _("points")
    COUNT = "count", _("count")
    VISITORS = "million_visitors", _("million visitors")


class Aggregation(models.TextChoices):
    AVERAGE = "average", _("average")
    SUM = "sum", _("sum")
    MIN = "min", _("minimum")
    MAX = "max", _("maximum")
    COUNT_ABOVE = "count_above", _("count reaching the threshold")


class Period(models.TextChoices):
    H1 = "h1", _("first half-year")
    YEAR = "year", _("full year")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned for correction")

    # Which states allow an action that is not a move; the moves are in reports/domain/workflow.py.
    @classmethod
    def editable(cls):
        """The member unit may change the figures, the narrative and the attachments, and submit."""
        return frozenset({cls.DRAFT, cls.RETURNED})

    @classmethod
    def returnable(cls):
        """The lead of the term or the office may return the report to its unit for correction."""
        return frozenset({cls.SUBMITTED})


class ConferenceKind(models.TextChoices):
    HALF_YEAR = "half_year", _("half-year review")
    YEAR_END = "year_end", _("year-end review")
    LAUNCH = "launch", _("launch")


class RenderStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")

    @classmethod
    def active(cls):
        """A render is asked for or under way: the same content is not asked for again."""
        return frozenset({cls.REQUESTED, cls.RUNNING})


class StatDataset(models.TextChoices):
    """What a statistical form counts: each cell is a count of these rows (reports/domain/statforms/datasets.py)."""

    AWARD_RECORDS = "award_records", _("award records")
    MOVEMENTS = "movements", _("emulation movements")
    OFFICE_ORGANISATIONS = "office_organisations", _("emulation and commendation organisations")
    OFFICE_STAFF = "office_staff", _("emulation and commendation civil servants")


class StatReportState(models.TextChoices):
    """A filled form is a draft until an officer marks it final (then it is frozen)."""

    DRAFT = "draft", _("draft")
    FINAL = "final", _("final")
