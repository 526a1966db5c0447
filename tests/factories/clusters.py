"""Factories for clusters, and `scored_term()` to build a whole term in a few lines."""

from datetime import date, timedelta
from decimal import Decimal

import factory

from clusters.enums import ClusterKind, CriterionKind, PhaseKind, SheetStatus
from clusters.models import Cluster, Criterion, CriterionGroup, Phase, Score, Sheet, Term, TermMember
from tests.factories.directory import UnitFactory


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    kind = ClusterKind.CLUSTER
    name = factory.Sequence(lambda n: f"Cụm thi đua thử nghiệm {n}")


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    cluster = factory.SubFactory(ClusterFactory)
    year = 2026
    lead_unit = factory.SubFactory(UnitFactory)


class TermMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TermMember

    term = factory.SubFactory(TermFactory)
    unit = factory.SubFactory(UnitFactory)


class CriterionGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CriterionGroup

    term = factory.SubFactory(TermFactory)
    title = factory.Sequence(lambda n: f"Nhóm tiêu chí {n}")
    position = factory.Sequence(lambda n: n)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    group = factory.SubFactory(CriterionGroupFactory)
    code = factory.Sequence(lambda n: f"{n + 1}")
    title = factory.Sequence(lambda n: f"Tiêu chí {n}")
    kind = CriterionKind.BONUS
    max_points = Decimal(10)
    position = factory.Sequence(lambda n: n)


class SheetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sheet

    term = factory.SubFactory(TermFactory)
    unit = factory.SubFactory(UnitFactory)


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    sheet = factory.SubFactory(SheetFactory)
    criterion = factory.SubFactory(CriterionFactory)


PHASE_ORDER = [PhaseKind.COMPACT, PhaseKind.SELF_ASSESSMENT, PhaseKind.REVIEW, PhaseKind.VOTE, PhaseKind.RESULTS]


def add_phases(term, *, active=PhaseKind.SELF_ASSESSMENT, start=None):
    """Five consecutive 10-day phases starting at `start` (default: 40 days before today's phase)."""
    index = PHASE_ORDER.index(active) if active else 1
    start = start or (date.today() - timedelta(days=10 * index + 5))
    for position, kind in enumerate(PHASE_ORDER):
        begins = start + timedelta(days=10 * position)
        Phase.objects.create(
            term=term,
            kind=kind,
            starts_on=begins,
            ends_on=begins + timedelta(days=9),
            is_active=(kind == active),
        )
    return term


def scored_term(
    *, members=3, criteria=2, groups=1, lead_unit=None, member_units=(), phase=PhaseKind.SELF_ASSESSMENT, points=None
):
    """A term with members (the lead among them), groups of bonus criteria, phases and draft sheets.

    `points` maps a member index to a list of points (one per criterion): those sheets are filled
    in and accepted.
    """
    lead_unit = lead_unit or UnitFactory()
    term = TermFactory(lead_unit=lead_unit)
    units = [lead_unit, *member_units]
    units += [UnitFactory() for _ in range(max(0, members - len(units)))]
    for unit in units:
        TermMember.objects.create(term=term, unit=unit)
    criterion_list = []
    for group_index in range(groups):
        group = CriterionGroupFactory(term=term, position=group_index)
        criterion_list += [CriterionFactory(group=group) for _ in range(criteria)]
    add_phases(term, active=phase)
    sheets = [Sheet.objects.create(term=term, unit=unit) for unit in units]
    for index, values in (points or {}).items():
        sheet = sheets[index]
        Score.objects.bulk_create(
            Score(sheet=sheet, criterion=criterion, value=value, self_points=value, points=value)
            for criterion, value in zip(criterion_list, values, strict=True)
        )
        sheet.status = SheetStatus.ACCEPTED
        sheet.save()
    term.criterion_list = criterion_list
    term.sheet_list = sheets
    term.unit_list = units
    return term
