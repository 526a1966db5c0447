"""Dated parameters and bonus rounding: coefficient x base salary on the decision date, rounded up."""

from datetime import date
from decimal import Decimal

import pytest

from awards.domain import AwardsError, catalogue
from awards.domain.council import has_quorum, vote_passes
from awards.domain.parameters import bonus_amount, bonus_for, parameter_value, round_up
from awards.models import LegalParameter
from tests.factories.awards import catalogue_award

BASE = Decimal("2340000")


@pytest.mark.parametrize(
    ("coefficient", "household", "expected"),
    [
        ("0.3", False, "710000"),  # 0.3 x 2,340,000 = 702,000, rounded up to the next 10,000
        ("1.5", False, "3510000"),
        ("1.0", False, "2340000"),
        ("4.5", False, "10530000"),
        ("0.8", False, "1880000"),  # 1,872,000 rounds up
        ("0.15", False, "360000"),  # 351,000 rounds up
        ("0.3", True, "1060000"),  # 1,053,000 for a household rounds up
    ],
)
def test_bonus_amount_rounds_up_to_ten_thousand(coefficient, household, expected):
    amount = bonus_amount(coefficient=Decimal(coefficient), base_salary=BASE, is_household=household)

    assert amount == Decimal(expected)
    assert isinstance(amount, Decimal)


def test_bonus_product_before_rounding_is_exact():
    assert Decimal("0.3") * BASE == Decimal("702000.0")
    assert Decimal("1.5") * BASE == Decimal("3510000.0")


def test_round_up_keeps_exact_multiples():
    assert round_up(Decimal("700000")) == Decimal("700000")
    assert round_up(Decimal("700001")) == Decimal("710000")


@pytest.mark.django_db
def test_parameter_value_is_the_one_in_force_on_the_date(parameters):
    LegalParameter.objects.create(kind="base_salary", value=Decimal("1800000"), effective_from=date(2023, 7, 1))

    assert parameter_value(kind="base_salary", on=date(2024, 6, 30)) == Decimal("1800000")
    assert parameter_value(kind="base_salary", on=date(2024, 7, 1)) == BASE


@pytest.mark.django_db
def test_parameter_value_missing_explains_in_vietnamese(parameters):
    with pytest.raises(AwardsError) as error:
        parameter_value(kind="base_salary", on=date(2020, 1, 1))

    assert "01/01/2020" in str(error.value)


@pytest.mark.django_db
def test_bonus_uses_a_later_raise_from_its_date(parameters):
    award = catalogue_award(catalogue.ADVANCED_WORKER)
    LegalParameter.objects.create(kind="base_salary", value=Decimal("2530000"), effective_from=date(2026, 7, 1))

    assert bonus_for(award=award, on=date(2026, 6, 30)) == Decimal("710000")
    assert bonus_for(award=award, on=date(2026, 7, 1)) == Decimal("760000")  # 759,000 rounded up


@pytest.mark.parametrize(
    ("votes", "members", "threshold", "passes"),
    [
        (8, 10, 80, True),  # exactly 80%
        (7, 10, 80, False),
        (12, 15, 80, True),  # exactly 80%
        (11, 15, 80, False),  # 73.3%
        (9, 10, 90, True),  # exactly 90%
        (8, 10, 90, False),
        (18, 20, 90, True),
        (17, 20, 90, False),  # 85%
        (26, 29, 90, False),  # 89.66%, just below
        (27, 30, 90, True),
    ],
)
def test_vote_threshold_counts_all_members(votes, members, threshold, passes):
    assert vote_passes(votes_in_favour=votes, member_count=members, threshold=Decimal(threshold)) is passes


@pytest.mark.parametrize(("present", "members", "quorate"), [(8, 10, True), (7, 10, False), (12, 15, True)])
def test_quorum_is_80_percent_of_members(present, members, quorate):
    assert has_quorum(present_count=present, member_count=members, quorum=Decimal(80)) is quorate
