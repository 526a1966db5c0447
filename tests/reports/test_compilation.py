from decimal import Decimal

import pytest

from reports.domain.compilation import compile_figures
from reports.enums import Aggregation, MeasureUnit, Period
from tests.factories import UnitFactory
from tests.factories.reports import IndicatorFactory, MemberReportFactory, submitted_report, term_with_members


@pytest.mark.django_db
def test_compile_figures_south_west_matches_the_article(south_west):
    compilation = compile_figures(term=south_west, period=Period.H1)
    rows = {row.indicator.code: row for row in compilation.indicators}

    assert rows["grdp-growth"].aggregate == Decimal("8.20")
    assert [(figure.unit.name, figure.value) for figure in rows["grdp-growth"].top] == [
        ("Trà Vinh", Decimal("17")),
        ("Long An", Decimal("9.89")),
        ("Bến Tre", Decimal("8.37")),
        ("Bạc Liêu", Decimal("8.25")),
    ]
    assert rows["budget-vs-plan"].aggregate == Decimal("63.43")
    assert (rows["budget-vs-plan"].reaching, rows["budget-vs-plan"].reported) == (12, 12)
    assert rows["exports"].aggregate == Decimal("8.493")
    assert rows["graduation-rate"].aggregate == Decimal("96.62")
    assert compilation.missing == []


@pytest.mark.django_db
def test_compile_figures_lists_members_without_a_submitted_report():
    term = term_with_members(count=2)
    indicator = IndicatorFactory()
    lead, late, draft_writer = [membership.unit for membership in term.memberships.order_by("pk")]
    submitted_report(term=term, unit=lead, figures={indicator: 5})
    MemberReportFactory(term=term, unit=draft_writer)

    compilation = compile_figures(term=term, period=Period.H1)

    assert {unit.pk for unit in compilation.missing} == {late.pk, draft_writer.pk}
    assert compilation.indicators[0].reported == 1


@pytest.mark.django_db
def test_compile_figures_ranks_lower_is_better_and_counts_threshold():
    term = term_with_members(count=2)
    rank = IndicatorFactory(
        measure_unit=MeasureUnit.RANK, higher_is_better=False, aggregation=Aggregation.COUNT_ABOVE, threshold=20
    )
    units = [membership.unit for membership in term.memberships.order_by("pk")]
    for unit, value in zip(units, [44, 17, 5], strict=True):
        submitted_report(term=term, unit=unit, figures={rank: value})

    row = compile_figures(term=term, period=Period.H1).indicators[0]

    assert row.aggregate == 2
    assert row.reaching == 2
    assert [figure.value for figure in row.top] == [5, 17, 44]


@pytest.mark.django_db
def test_compile_figures_ignores_other_periods_and_terms():
    term = term_with_members()
    indicator = IndicatorFactory()
    submitted_report(term=term, unit=term.lead_unit, figures={indicator: 5})
    other = term_with_members(lead=UnitFactory(), year=2021)
    submitted_report(term=other, unit=other.lead_unit, figures={indicator: 100})

    assert compile_figures(term=term, period=Period.YEAR).indicators == []
    assert compile_figures(term=term, period=Period.H1).indicators[0].aggregate == 5
