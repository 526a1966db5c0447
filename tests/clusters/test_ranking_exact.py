"""The ranking is exact (Decimal totals, never a database float sum), equal totals share a rank
("đồng hạng"), and each tie-break step is shown. The same tests run on SQLite (the quick run) and on
PostgreSQL (`make test`); the `postgresql` ones fail there rather than skip."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Q, Sum
from django.utils import timezone

from clusters.domain import vote
from clusters.domain.ranking import Step, excluded_members, ranked_sheets, ranked_unit_ids, ranking, sheet_totals
from clusters.enums import CriterionKind, PhaseKind, SheetStatus, TieBreak
from clusters.models import Score, Sheet, TermMember
from portal.numbers import format_number
from tests.factories import UnitFactory, UserFactory
from tests.factories.clusters import CriterionFactory, scored_term

D = Decimal


def names(rows):
    return [row.unit.name for row in rows]


def term_of(plan, *, groups=2, criteria=2, tie_break=TieBreak.FIRST_GROUP_THEN_DEDUCTIONS):
    """A term whose members (by name) score `plan[name]`: points per criterion, first group first."""
    units = [UnitFactory(name=name) for name in plan]
    term = scored_term(
        members=len(units),
        criteria=criteria,
        groups=groups,
        lead_unit=units[0],
        member_units=units[1:],
        points={index: plan[unit.name] for index, unit in enumerate(units)},
    )
    term.tie_break = tie_break
    term.save()
    return term


# The case: 60,43 in the first group, 35,93 in the second, 0 deductions, for two members;
# "Tỉnh B" reaches 60,43 as 0,09 + 60,34, which a float sum makes 60.43000000000001.
NOISY = {
    "Tỉnh B": [D("0.09"), D("60.34"), D("35.93"), D("0")],
    "Tỉnh A": [D("60.43"), D("0"), D("35.93"), D("0")],
    "Tỉnh C": [D("0"), D("0"), D("0"), D("0")],
}
NOISY_ORDER = ["Tỉnh A", "Tỉnh B", "Tỉnh C"]


def check_exact_tie(term):
    rows = ranking(term=term)

    assert names(rows) == NOISY_ORDER
    assert [row.total for row in rows] == [D("96.36"), D("96.36"), D("0")]
    assert [row.first_group for row in rows] == [D("60.43"), D("60.43"), D("0")]
    assert [str(row.total) for row in rows] == ["96.36", "96.36", "0.00"]  # exact Decimals, no float digits
    assert [row.rank for row in rows] == [1, 1, 3]
    assert [row.tied for row in rows] == [True, True, False]
    assert [row.separated_by for row in rows] == [Step.NAME, Step.TOTAL, ""]


@pytest.mark.django_db
def test_an_exact_tie_is_a_shared_rank_ordered_by_name_not_by_float_noise():
    term = term_of(NOISY)

    check_exact_tie(term)


def test_on_postgresql_the_exact_tie_gives_the_same_order(postgresql):
    term = term_of(NOISY)

    check_exact_tie(term)


@pytest.mark.django_db
def test_the_database_sum_is_what_the_ranking_must_not_trust():
    """Why totals are summed in Python: SQLite orders by a float SUM, and 0.09 + 60.34 > 60.43 there."""
    term = term_of(NOISY)
    first_group = term.criterion_list[0].group
    by_database = list(
        Sheet.objects.filter(term=term, status=SheetStatus.ACCEPTED)
        .annotate(first=Sum("scores__points", filter=Q(scores__criterion__group=first_group)))
        .order_by("-first", "unit__name")
        .values_list("unit__name", flat=True)
    )

    if connection.vendor == "sqlite":
        assert by_database[:2] == ["Tỉnh B", "Tỉnh A"]  # float noise decides
    else:
        assert by_database[:2] == ["Tỉnh A", "Tỉnh B"]  # PostgreSQL sums numeric exactly
    assert names(ranking(term=term)) == NOISY_ORDER  # the ranking gives the rule's order on both


TENTHS = {
    "Bình Phước": [D("0.1"), D("0.2")],  # 0.1 + 0.2 = 0.30000000000000004 in floats
    "An Giang": [D("0.3"), D("0")],
}


def check_tenths(term):
    rows = ranking(term=term)
    assert [row.total for row in rows] == [D("0.3"), D("0.3")]
    assert names(rows) == ["An Giang", "Bình Phước"]
    assert [row.rank for row in rows] == [1, 1]


@pytest.mark.django_db
def test_tenths_whose_float_sum_differs_tie_exactly():
    check_tenths(term_of(TENTHS, groups=1))


def test_on_postgresql_tenths_tie_exactly(postgresql):
    check_tenths(term_of(TENTHS, groups=1))


@pytest.fixture
def four(db):
    """A 20; B and C both 15 (B more in the first group); D 10: ranks 1, 2, 2, 4."""
    return term_of(
        {
            "Tỉnh D": [D(5), D(0), D(5), D(0)],
            "Tỉnh C": [D(3), D(2), D(5), D(5)],
            "Tỉnh B": [D(8), D(2), D(5), D(0)],
            "Tỉnh A": [D(10), D(0), D(10), D(0)],
        }
    )


def test_equal_totals_share_a_rank_and_the_next_rank_skips(four):
    rows = ranking(term=four)

    assert names(rows) == ["Tỉnh A", "Tỉnh B", "Tỉnh C", "Tỉnh D"]
    assert [row.rank for row in rows] == [1, 2, 2, 4]
    assert [row.position for row in rows] == [1, 2, 3, 4]
    assert [row.tied for row in rows] == [False, True, True, False]
    assert [row.separated_by for row in rows] == [Step.TOTAL, Step.FIRST_GROUP, Step.TOTAL, ""]


@pytest.mark.django_db
def test_fewer_deductions_break_a_tie_of_total_and_first_group():
    term = term_of({"Tỉnh A": [D(5), D(5)], "Tỉnh B": [D(5), D(5)]}, groups=1)
    deduction = CriterionFactory(group=term.criterion_list[0].group, kind=CriterionKind.DEDUCTION, max_points=5)
    a, b = term.sheet_list
    # A: 5 + 5 - 2 = 8 in the first group; B: 5 + 4 - 1 = 8 (fewer deductions).
    Score.objects.create(sheet=a, criterion=deduction, points=D(-2))
    Score.objects.filter(sheet=b, criterion=term.criterion_list[1]).update(points=D(4))
    Score.objects.create(sheet=b, criterion=deduction, points=D(-1))

    rows = ranking(term=term)

    assert names(rows) == ["Tỉnh B", "Tỉnh A"]
    assert [(row.total, row.first_group, row.deductions) for row in rows] == [(8, 8, 1), (8, 8, 2)]
    assert rows[0].separated_by == Step.DEDUCTIONS
    assert rows[0].separated_by_label == "Ít điểm trừ hơn"


def test_the_deductions_first_rule_reverses_the_steps(db):
    plan = {
        "Tỉnh A": [D(9), D(0), D(1), D(0)],  # more in the first group, more deductions
        "Tỉnh B": [D(6), D(0), D(4), D(0)],
    }
    term = term_of(plan, tie_break=TieBreak.DEDUCTIONS_THEN_FIRST_GROUP)
    deduction = CriterionFactory(group=term.criterion_list[2].group, kind=CriterionKind.DEDUCTION, max_points=5)
    a, b = term.sheet_list
    Score.objects.create(sheet=a, criterion=deduction, points=D(-1))
    Score.objects.filter(sheet=a, criterion=term.criterion_list[1]).update(points=D(1))

    assert names(ranking(term=term)) == ["Tỉnh B", "Tỉnh A"]
    assert ranking(term=term)[0].separated_by == Step.DEDUCTIONS
    term.tie_break = TieBreak.FIRST_GROUP_THEN_DEDUCTIONS
    term.save()
    assert names(ranking(term=term)) == ["Tỉnh A", "Tỉnh B"]
    assert ranking(term=term)[0].separated_by == Step.FIRST_GROUP


@pytest.mark.django_db
def test_names_are_compared_folded_the_same_way_on_every_database():
    term = term_of(
        {"Đồng Tháp": [D(5)], "Điện Biên": [D(5)], "Cà Mau": [D(5)], "Bắc Ninh": [D(5)]}, groups=1, criteria=1
    )

    rows = ranking(term=term)

    assert names(rows) == ["Bắc Ninh", "Cà Mau", "Điện Biên", "Đồng Tháp"]
    assert [row.separated_by for row in rows] == [Step.NAME, Step.NAME, Step.NAME, ""]
    assert {row.rank for row in rows} == {1}


@pytest.mark.django_db
def test_excluded_members_are_not_ranked_and_are_listed_with_the_reason(officer):
    term = term_of({"Tỉnh A": [D(9), D(0)], "Tỉnh B": [D(5), D(0)], "Tỉnh C": [D(1), D(0)]}, groups=1)
    TermMember.objects.filter(term=term, unit__name="Tỉnh A").update(
        excluded_reason="Vi phạm quy chế", excluded_by=officer, excluded_at=timezone.now()
    )

    assert names(ranking(term=term)) == ["Tỉnh B", "Tỉnh C"]
    assert ranking(term=term)[0].rank == 1
    assert [(member.unit.name, member.excluded_reason) for member in excluded_members(term=term)] == [
        ("Tỉnh A", "Vi phạm quy chế")
    ]
    # The vote's candidates and the nominations use the same order.
    assert [unit.name for unit in vote.candidates(term=term)] == ["Tỉnh B", "Tỉnh C"]
    assert ranked_unit_ids(term=term) == [sheet.unit_id for sheet in ranked_sheets(term=term)]
    assert [sheet.unit_id for sheet in ranked_sheets(term=term)[:1]] == ranked_unit_ids(term=term)[:1]


@pytest.mark.django_db
def test_ranking_page_shows_shared_ranks_steps_and_exclusions(client_as, four, officer):
    TermMember.objects.filter(term=four, unit__name="Tỉnh D").update(
        excluded_reason="Không nộp báo cáo", excluded_by=officer, excluded_at=timezone.now()
    )
    lead = UserFactory(unit=four.lead_unit, is_unit_officer=True)

    page = client_as(lead).get(f"/clusters/terms/{four.pk}/ranking/").content.decode()

    assert page.count("đồng hạng") >= 2
    assert "Hơn điểm nhóm tiêu chí thứ nhất" in page and "Tổng điểm cao hơn" in page
    assert "Thành viên không được xếp hạng" in page and "Không nộp báo cáo" in page
    table = page[page.index('<table class="table ranking">') :]
    assert table.index("Tỉnh A") < table.index("Tỉnh B") < table.index("Tỉnh C")
    assert "Tỉnh D" not in table[: table.index("</table>")]


@pytest.mark.django_db
def test_a_sheet_not_accepted_is_not_ranked():
    term = term_of({"Tỉnh A": [D(1)], "Tỉnh B": [D(2)]}, groups=1, criteria=1)
    Sheet.objects.filter(pk=term.sheet_list[1].pk).update(status=SheetStatus.SUBMITTED)
    term.refresh_from_db()

    assert names(ranking(term=term)) == ["Tỉnh A"]
    assert term.phases.get(is_active=True).kind == PhaseKind.SELF_ASSESSMENT


def check_review_queue_totals(term, client):
    """The review queue sums each sheet the same exact way as the ranking (integer hundredths)."""
    b, a, c = term.sheet_list  # NOISY's order of creation: B, A, C
    totals = sheet_totals([sheet.pk for sheet in term.sheet_list])

    assert totals == {b.pk: D("96.36"), a.pk: D("96.36"), c.pk: D("0.00")}
    assert [str(totals[sheet.pk]) for sheet in (b, a, c)] == ["96.36", "96.36", "0.00"]
    assert sheet_totals([]) == {}
    page = client.get(f"/clusters/terms/{term.pk}/review/").content.decode()
    assert page.count(format_number(D("96.36"))) == 2


@pytest.mark.django_db
def test_the_review_queue_totals_are_exact(client_as):
    term = term_of(NOISY)

    check_review_queue_totals(term, client_as(UserFactory(unit=term.lead_unit, is_unit_officer=True)))


def test_on_postgresql_the_review_queue_totals_are_exact(postgresql, client_as):
    term = term_of(NOISY)

    check_review_queue_totals(term, client_as(UserFactory(unit=term.lead_unit, is_unit_officer=True)))


def check_hundredths_and_large_points(term):
    """Deductions in hundredths and the largest storable points: the float sums of the two members
    differ (9999999.99 + 0.01 - 0.02 is 9999999.98, 9999999.99 + 0.04 - 0.05 is 9999999.979999999),
    the exact sums are equal."""
    deduction = CriterionFactory(group=term.criterion_list[0].group, kind=CriterionKind.DEDUCTION, max_points=5)
    a, b = term.sheet_list
    Score.objects.create(sheet=a, criterion=deduction, points=D("-0.02"))
    Score.objects.create(sheet=b, criterion=deduction, points=D("-0.05"))

    rows = ranking(term=term)

    assert [(row.unit.name, row.total, row.first_group, row.deductions) for row in rows] == [
        ("Tỉnh A", D("9999999.98"), D("9999999.98"), D("0.02")),
        ("Tỉnh B", D("9999999.98"), D("9999999.98"), D("0.05")),
    ]
    assert [str(row.total) for row in rows] == ["9999999.98", "9999999.98"]
    assert [row.rank for row in rows] == [1, 1]
    assert rows[0].separated_by == Step.DEDUCTIONS
    assert sheet_totals([a.pk, b.pk]) == {a.pk: D("9999999.98"), b.pk: D("9999999.98")}


LARGE = {"Tỉnh A": [D("9999999.99"), D("0.01")], "Tỉnh B": [D("9999999.99"), D("0.04")]}


@pytest.mark.django_db
def test_deductions_in_hundredths_and_the_largest_points_sum_exactly():
    check_hundredths_and_large_points(term_of(LARGE, groups=1))


def test_on_postgresql_deductions_in_hundredths_and_the_largest_points_sum_exactly(postgresql):
    check_hundredths_and_large_points(term_of(LARGE, groups=1))
