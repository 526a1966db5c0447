from django.db import models
from django.utils.translation import gettext_lazy as _


class ClusterKind(models.TextChoices):
    CLUSTER = "cluster", _("Cluster (localities)")
    BLOC = "bloc", _("Bloc (agencies)")


class OrganisingLevel(models.TextChoices):
    CENTRAL = "central", _("Central (organised by the Central Emulation and Commendation Board)")
    PROVINCIAL = "provincial", _("Provincial")


class PhaseKind(models.TextChoices):
    """The steps of a term's year, in order."""

    COMPACT = "compact", _("Compact signing")
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
    REVIEW = "review", _("Lead's review")
    VOTE = "vote", _("Leading-unit vote")
    RESULTS = "results", _("Results locked")


class CriterionKind(models.TextChoices):
    QUANTITATIVE = "quantitative", _("Quantitative (target vs actual)")
    QUALITATIVE = "qualitative", _("Qualitative (pass or fail)")
    PER_COUNT = "per_count", _("Points per count, with a cap")
    BONUS = "bonus", _("Bonus points")
    DEDUCTION = "deduction", _("Deduction points")


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    ACCEPTED = "accepted", _("Accepted")

    # Which states allow an action that is not a move; the moves are in clusters/domain/workflow.py.
    @classmethod
    def editable_by_member(cls):
        """The member may save values, comments and evidence, and submit."""
        return frozenset({cls.DRAFT, cls.RETURNED})

    @classmethod
    def reviewable(cls):
        """The lead may adjust points, accept or return."""
        return frozenset({cls.SUBMITTED})


class TieBreak(models.TextChoices):
    """How equal totals are ordered; the unit's name always comes last, so the order is total."""

    FIRST_GROUP_THEN_DEDUCTIONS = (
        "group_deductions",
        _("More points in the first criterion group, then fewer deductions, then the unit's name"),
    )
    DEDUCTIONS_THEN_FIRST_GROUP = (
        "deductions_group",
        _("Fewer deductions, then more points in the first criterion group, then the unit's name"),
    )


class Decision(models.TextChoices):
    VOTE = "vote", _("Elected by the members' vote")
    LEAD_AND_DEPUTY = "lead_deputy", _("Decided by the lead and deputy after two undecided rounds")


class DeciderSide(models.TextChoices):
    """Who confirms the choice of the leading unit after two undecided rounds."""

    LEAD = "lead", _("The lead")
    DEPUTY = "deputy", _("The deputy")
