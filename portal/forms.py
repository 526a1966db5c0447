"""Form pieces shared by every app.

Numbers: every number input is a `NumberField` (decimal) or an `IntegerNumberField`, which read what
officers type with `portal.numbers.parse_number` ("8.493" is 8493, "8.493,5" and "1,32" decimals,
"1,5,5" refused) and refuse, with the `NumberError` message, any value the target column could not
store. Give them the model field (`model_field=Target._meta.get_field("value")`) to take its bounds.
Model forms get them for their number columns by deriving from `portal.forms.ModelForm` (or with
`formfield_callback = number_formfield` in their Meta).
"""

from decimal import Decimal

from django import forms
from django.db import models
from django.utils.text import capfirst

from .dates import is_year_field, validate_plausible_date, validate_plausible_year
from .numbers import NumberError, bounds_of, format_input, parse_number

__all__ = ["NumberField", "IntegerNumberField", "number_formfield", "ModelForm"]

_NUMBER_COLUMNS = (models.DecimalField, models.IntegerField, models.FloatField)


def _tighter(bounds, key, value, pick):
    if value is not None:
        bounds[key] = value if bounds.get(key) is None else pick(bounds[key], value)


class NumberField(forms.Field):
    """A number as officers type it; cleans to a Decimal (None when blank), shown as "1234,5".

    Bounds: `model_field` (the column the value goes to, via `bounds_of`), `max_digits`,
    `decimal_places`, `min_value`, `max_value` (the tighter wins); `percent` lets a trailing "%" stand.
    """

    widget = forms.TextInput(attrs={"inputmode": "decimal"})
    integer = False

    def __init__(
        self,
        *,
        model_field=None,
        max_digits=None,
        decimal_places=None,
        min_value=None,
        max_value=None,
        percent=False,
        **kwargs,
    ):
        bounds = dict(bounds_of(model_field)) if model_field is not None else {}
        bounds.pop("integer", None)
        _tighter(bounds, "max_digits", max_digits, min)
        _tighter(bounds, "decimal_places", decimal_places, min)
        _tighter(bounds, "minimum", min_value, max)
        _tighter(bounds, "maximum", max_value, min)
        self.bounds = {**bounds, "integer": self.integer, "percent": percent}
        self.min_value, self.max_value = bounds.get("minimum"), bounds.get("maximum")
        for key in ("max_length", "min_length", "empty_value", "localize", "step_size"):
            kwargs.pop(key, None)
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            return parse_number(value, **self.bounds)
        except NumberError as error:
            raise forms.ValidationError(error.message, code="invalid") from None

    def prepare_value(self, value):
        return format_input(value) if isinstance(value, Decimal | int | float) else value

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        try:
            return self.to_python(data) != self.to_python(initial)
        except forms.ValidationError:
            return True

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.TextInput):
            attrs.setdefault("inputmode", "numeric" if self.integer else "decimal")
        return attrs


class IntegerNumberField(NumberField):
    """A whole number as officers type it ("1.000" is 1000); cleans to an int (None when blank)."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})
    integer = True

    def to_python(self, value):
        number = super().to_python(value)
        return None if number is None else int(number)


def number_formfield(db_field, **kwargs):
    """`formfield_callback` of model forms: number columns get a NumberField with the column's bounds;
    date columns and year columns (`year`, `*_year`) refuse implausible values (`portal.dates`).

    Columns with choices, keys and explicitly chosen form classes keep Django's own form field.
    """
    field = _formfield(db_field, **kwargs)
    if field is not None and isinstance(db_field, models.DateField):
        field.validators.append(validate_plausible_date)
    elif field is not None and isinstance(db_field, models.IntegerField) and is_year_field(db_field):
        field.validators.append(validate_plausible_year)
    return field


def _formfield(db_field, **kwargs):
    if (
        isinstance(db_field, _NUMBER_COLUMNS)
        and not isinstance(db_field, models.AutoField)
        and not db_field.choices
        and "form_class" not in kwargs
    ):
        field_class = IntegerNumberField if isinstance(db_field, models.IntegerField) else NumberField
        defaults = {
            "model_field": db_field,
            "required": not db_field.blank,
            "label": capfirst(db_field.verbose_name),
            "help_text": db_field.help_text,
        }
        if db_field.has_default():
            defaults["initial"] = db_field.get_default()
        widget = kwargs.pop("widget", None)
        if widget is not None and not isinstance(widget, forms.NumberInput):
            defaults["widget"] = widget
        kwargs.pop("localize", None)
        return field_class(**{**defaults, **kwargs})
    return db_field.formfield(**kwargs)


class _ModelFormMetaclass(forms.models.ModelFormMetaclass):
    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(number_formfield)
        return super().__new__(mcs, name, bases, attrs)


class ModelForm(forms.ModelForm, metaclass=_ModelFormMetaclass):
    """Django's ModelForm whose number columns are `NumberField`/`IntegerNumberField` with their bounds."""
