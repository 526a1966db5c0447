from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewKind(models.TextChoices):
    INTERIM = "interim", _("Interim review")
    FINAL = "final", _("Final review")


class MovementLevel(models.TextChoices):
    """Who launched the movement."""

    NATIONAL = "national", _("National (Prime Minister, central bodies)")
    PROVINCIAL = "provincial", _("Provincial (People's Committee)")
    DEPARTMENTAL = "departmental", _("Department or unit")


class MovementKind(models.TextChoices):
    REGULAR = "regular", _("Yearly (regular)")
    THEMATIC = "thematic", _("Thematic, for a period")


class MovementState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    LAUNCHED = "launched", _("Launched")
    RUNNING = "running", _("Running")
    INTERIM_REVIEWED = "interim_reviewed", _("Interim-reviewed")
    CLOSED = "closed", _("Closed")

    @classmethod
    def open(cls):
        """Launched and not closed: units register, report progress and are reviewed."""
        return frozenset({cls.LAUNCHED, cls.RUNNING, cls.INTERIM_REVIEWED})


class TargetDirection(models.TextChoices):
    HIGHER = "higher", _("Higher is better (reach at least the target)")
    LOWER = "lower", _("Lower is better (bring down to the target)")


class MovementScope(models.TextChoices):
    """Who takes part in the movement (form 0601.N, rows by scope)."""

    NATIONAL = "national", _("Nationwide")
    SECTOR = "sector", _("Ministry, sector or locality")
    CLUSTER = "cluster", _("Cluster or bloc organised by an emulation council")
    UNIT = "unit", _("Agency or unit")
