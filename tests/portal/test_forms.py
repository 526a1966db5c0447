from decimal import Decimal

import pytest
from django import forms

from portal.forms import NumberField
from portal.numbers import NumberError, parse_number


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1,32", Decimal("1.32")),
        ("1.32", Decimal("1.32")),
        ("50.985,5", Decimal("50985.5")),
        ("1.320", Decimal("1320")),
        ("1.283.000", Decimal("1283000")),
        ("92,64", Decimal("92.64")),
        ("189", Decimal("189")),
        (" 7 476,9 ", Decimal("7476.9")),
        ("-0,5", Decimal("-0.5")),
    ],
)
def test_numbers_are_read_the_vietnamese_way(typed, expected):
    assert parse_number(typed) == expected


def test_english_grouping_is_refused_not_guessed():
    # Formerly read as 50985.5; the one rule refuses a comma before a dot rather than guess.
    with pytest.raises(NumberError):
        parse_number("50,985.5")


class ValueForm(forms.Form):
    value = NumberField(max_digits=12, decimal_places=2)


@pytest.mark.parametrize(("typed", "expected"), [("1,32", Decimal("1.32")), ("1.32", Decimal("1.32"))])
def test_number_field_accepts_comma_and_dot(typed, expected):
    form = ValueForm({"value": typed})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["value"] == expected


def test_number_field_rejects_text_with_a_message():
    form = ValueForm({"value": "mười hai"})

    assert not form.is_valid()
    assert form.errors["value"]
