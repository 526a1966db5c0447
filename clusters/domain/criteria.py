"""The criteria set of a term: when it may change, copying last year's, and its total maximum."""

from django.db import transaction
from django.db.models import F, Sum
from django.utils.translation import gettext as _

from ..enums import CriterionKind
from ..models import Criterion, CriterionGroup, Term
from . import notices
from .errors import DomainError


class CriteriaLocked(DomainError):
    pass


def scoring_started(*, term):
    """Scoring has started once the self-assessment phase was reached or any score was written."""
    return term.scoring_started()


def ensure_criteria_editable(*, term):
    """Raise CriteriaLocked when scoring has started and the lead has not reopened it."""
    reason = term.criteria_locked_reason()
    if reason:
        raise CriteriaLocked(reason)


def reopen_scoring(*, term, by):
    """The lead allows criteria changes again; the office (which edits the criteria) is emailed.

    Side effects: Term.scoring_reopened (audited); an email to the provincial officers after commit.
    """
    if term.is_locked:
        raise DomainError(_("The results of this term are locked: nothing can change until an officer reopens it."))
    term.scoring_reopened = True
    term.save(update_fields=["scoring_reopened", "updated_at"])
    notices.scoring_reopened(term=term)  # the office, which edits the criteria


def total_maximum(*, term):
    """The most a member can score: the sum of maximum points, bonus included, deductions excluded."""
    total = (
        Criterion.objects.filter(group__term=term)
        .exclude(kind=CriterionKind.DEDUCTION)
        .aggregate(total=Sum("max_points"))["total"]
    )
    return total or 0


def copy_criteria(*, source, target):
    """Copy `source` term's groups and criteria into `target` (which must have none).

    Side effects: creates CriterionGroup and Criterion rows in one transaction.
    """
    if CriterionGroup.objects.filter(term=target).exists():
        raise DomainError(_("This term already has criteria; remove them before copying."))
    with transaction.atomic():
        copies = {}
        # Parents first: top-level groups (no parent) before their children, on every database
        # (PostgreSQL sorts NULL last).
        groups = CriterionGroup.objects.filter(term=source).order_by(
            F("parent_id").asc(nulls_first=True), "position", "pk"
        )
        for group in groups:
            copies[group.pk] = CriterionGroup.objects.create(
                term=target, parent=copies.get(group.parent_id), title=group.title, position=group.position
            )
        for criterion in Criterion.objects.filter(group__term=source):
            criterion.pk = None
            criterion.group = copies[criterion.group_id]
            criterion.save()
    return target


def previous_term(*, term):
    return Term.objects.filter(cluster_id=term.cluster_id, year__lt=term.year).order_by("-year").first()
