from decimal import Decimal

import pytest
from django import forms

from portal.forms import VietnameseDecimalField, normalise_decimal_text


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1,32", "1.32"),
        ("1.32", "1.32"),
        ("50.985,5", "50985.5"),
        ("50,985.5", "50985.5"),
        ("1.320", "1320"),
        ("1.283.000", "1283000"),
        ("92,64", "92.64"),
        ("189", "189"),
        (" 7 476,9 ", "7476.9"),
        ("-0,5", "-0.5"),
    ],
)
def test_normalise_decimal_text_reads_both_conventions(typed, expected):
    assert normalise_decimal_text(typed) == expected


class ValueForm(forms.Form):
    value = VietnameseDecimalField(max_digits=12, decimal_places=2)


@pytest.mark.parametrize(("typed", "expected"), [("1,32", Decimal("1.32")), ("1.32", Decimal("1.32"))])
def test_vietnamese_decimal_field_accepts_comma_and_dot(typed, expected):
    form = ValueForm({"value": typed})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["value"] == expected


def test_vietnamese_decimal_field_rejects_text_with_a_message():
    form = ValueForm({"value": "mười hai"})

    assert not form.is_valid()
    assert form.errors["value"]
