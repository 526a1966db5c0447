"""The ranking: totals of accepted sheets in two queries, ordered with deterministic tie-breaks."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusters.domain.ranking import ranking
from clusters.enums import CriterionKind, SheetStatus, TieBreak
from clusters.models import Score, Sheet
from tests.factories import UnitFactory
from tests.factories.clusters import CriterionFactory, scored_term


def names(rows):
    return [row.unit.name for row in rows]


@pytest.mark.django_db
def test_ranking_orders_accepted_sheets_by_total():
    term = scored_term(members=4, criteria=2, points={0: [5, 5], 1: [9, 8], 2: [1, 2]})

    rows = ranking(term=term)

    assert [row.total for row in rows] == [17, 10, 3]
    assert [row.unit for row in rows] == [term.unit_list[1], term.unit_list[0], term.unit_list[2]]
    assert rows[0].bar == 100.0


@pytest.mark.django_db
def test_ranking_ignores_sheets_not_accepted():
    term = scored_term(members=2, criteria=1, points={0: [5], 1: [9]})
    Sheet.objects.filter(pk=term.sheet_list[1].pk).update(status=SheetStatus.SUBMITTED)

    assert names(ranking(term=term)) == [term.unit_list[0].name]


@pytest.mark.django_db
@pytest.mark.parametrize("members", [10, 60])
def test_ranking_is_one_query_whatever_the_member_count(members):
    term = scored_term(
        members=members, criteria=4, groups=2, points={i: [i % 7, 3, 2, 1, 4, 5, 6, 1] for i in range(members)}
    )

    with CaptureQueriesContext(connection) as captured:
        rows = ranking(term=term)

    assert len(rows) == members
    # The sheets with their units and their exact sums (whole hundredths, summed as integers).
    assert len(captured) == 1


@pytest.fixture
def tied_term(db):
    """Three members on 10 points: A has more in the first group, B fewer deductions than C."""
    units = [UnitFactory(name=name) for name in ("Tỉnh C", "Tỉnh B", "Tỉnh A")]
    term = scored_term(members=3, criteria=1, groups=2, lead_unit=units[0], member_units=units[1:])
    deduction = CriterionFactory(group=term.criterion_list[1].group, kind=CriterionKind.DEDUCTION, max_points=5)
    first, second = term.criterion_list
    plan = {"Tỉnh A": (8, 2, 0), "Tỉnh B": (6, 4, 0), "Tỉnh C": (6, 5, -1)}
    for sheet, unit in zip(term.sheet_list, term.unit_list, strict=True):
        a, b, d = plan[unit.name]
        Score.objects.bulk_create(
            [
                Score(sheet=sheet, criterion=first, points=a),
                Score(sheet=sheet, criterion=second, points=b),
                Score(sheet=sheet, criterion=deduction, points=d),
            ]
        )
    Sheet.objects.filter(term=term).update(status=SheetStatus.ACCEPTED)
    return term


def test_default_tie_break_is_first_group_then_fewer_deductions_then_name(tied_term):
    rows = ranking(term=tied_term)

    assert [row.total for row in rows] == [Decimal(10)] * 3
    assert names(rows) == ["Tỉnh A", "Tỉnh B", "Tỉnh C"]


def test_deductions_first_tie_break_changes_the_order(tied_term):
    tied_term.tie_break = TieBreak.DEDUCTIONS_THEN_FIRST_GROUP
    tied_term.save()

    assert names(ranking(term=tied_term)) == ["Tỉnh A", "Tỉnh B", "Tỉnh C"]
    Score.objects.filter(sheet__unit__name="Tỉnh A", criterion__kind=CriterionKind.DEDUCTION).update(points=-1)
    Score.objects.filter(sheet__unit__name="Tỉnh A", criterion=tied_term.criterion_list[1]).update(points=3)

    assert names(ranking(term=tied_term)) == ["Tỉnh B", "Tỉnh A", "Tỉnh C"]


@pytest.mark.django_db
def test_full_ties_fall_back_to_the_unit_name_and_are_stable():
    units = [UnitFactory(name=name) for name in ("Vĩnh Long", "An Giang", "Bến Tre")]
    term = scored_term(
        members=3, criteria=1, lead_unit=units[0], member_units=units[1:], points={0: [5], 1: [5], 2: [5]}
    )

    orders = {tuple(names(ranking(term=term))) for _ in range(5)}

    assert orders == {("An Giang", "Bến Tre", "Vĩnh Long")}


@pytest.mark.django_db
def test_ranking_page_shows_table_chart_and_exports_excel(client_as):
    from tests.factories import UserFactory

    term = scored_term(members=2, criteria=1, points={0: [5.5], 1: [9]})
    lead = UserFactory(unit=term.lead_unit, is_unit_officer=True)
    client = client_as(lead)

    page = client.get(f"/clusters/terms/{term.pk}/ranking/").content.decode()
    export = client.get(f"/clusters/terms/{term.pk}/ranking/?format=xlsx")

    assert "Xếp hạng" in page and "<svg" in page and "5,5" in page
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
