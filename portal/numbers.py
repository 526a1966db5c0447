"""The one place numbers are read from what officers type, and written back for them to read.

Reading follows one rule, Vietnamese style first:
- "8.493" is eight thousand four hundred ninety-three (dots group thousands), "1.000" is a thousand;
- "8.493,5" and "1,32" are decimals (the comma is the decimal mark);
- a plain "1.5" or "0.25" is accepted as a decimal where the dot cannot be a thousands group;
- anything ambiguous or malformed ("1,5,5", "1.2.3,4", "50,985.5", "1e30", "nan") is refused
  with a clear message, never guessed.
Values from spreadsheet cells (int, float, Decimal) are taken as they are.

Bounds are checked here too, before anything is written: `parse_number(text, **bounds_of(field))`
refuses a value its model column could not store, on PostgreSQL and SQLite alike (more digits
than `max_digits` would be a numeric overflow on PostgreSQL and a row SQLite cannot load back).

Writing: `format_number`/`format_percent` for reading (50.985,5 in Vietnamese; the template filters
`number` and `percent` wrap them), `format_input` for the text put back into a form input, which
`parse_number` reads back as the same number whatever the active language.

Forms use `portal.forms.NumberField`/`IntegerNumberField`; domain code calls `parse_number` with the
bounds of the column it writes and turns a `NumberError` (a `DomainError`) into its own refusal.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from portal.errors import DomainError

__all__ = [
    "NumberError",
    "parse_number",
    "parse_integer",
    "bounds_of",
    "format_number",
    "format_percent",
    "format_input",
]

_PLAIN = re.compile(r"^\d+$")
_VIETNAMESE = re.compile(r"^(?P<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<frac>\d+))?$")
_DOT_DECIMAL = re.compile(r"^(?P<int>\d+)\.(?P<frac>\d+)$")
_THOUSANDS_GROUP = re.compile(r"^[1-9]\d{0,2}(?:\.\d{3})+$")
_SPACES = re.compile(r"[\s\u00a0\u202f]")

# The largest integer every database we run on stores in an IntegerField / BigIntegerField.
INTEGER_LIMITS = {
    "SmallIntegerField": (-32768, 32767),
    "PositiveSmallIntegerField": (0, 32767),
    "IntegerField": (-2147483648, 2147483647),
    "PositiveIntegerField": (0, 2147483647),
    "BigIntegerField": (-9223372036854775808, 9223372036854775807),
    "PositiveBigIntegerField": (0, 9223372036854775807),
}


def _decimal(value):
    """A cell's or a column's number as a Decimal; a float by its shortest text (0.1, not 0.10000000000000000555)."""
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


class NumberError(DomainError, ValueError):
    """A number that cannot be read or stored; `message` is a whole Vietnamese sentence for the user.

    A `DomainError` (views that show domain refusals show this one too) and a `ValueError`.
    """


# Shown back in messages: enough to recognise what was typed, never a whole pasted page.
_SHOWN_MAX = 40


def _shown(value):
    text = str(value).strip()
    return text if len(text) <= _SHOWN_MAX else text[: _SHOWN_MAX - 1] + "…"


def _read_text(text):
    """Decimal of `text` by the rule above, or NumberError."""
    typed = text
    text = _SPACES.sub("", text)
    sign = ""
    if text[:1] in "+-":
        sign, text = text[0].replace("+", ""), text[1:]
    if _PLAIN.match(text):
        return Decimal(sign + text)
    if "," not in text and _DOT_DECIMAL.match(text) and not _THOUSANDS_GROUP.match(text):
        return Decimal(sign + text)
    match = _VIETNAMESE.match(text)
    if match:
        whole = match.group("int").replace(".", "")
        fraction = match.group("frac")
        return Decimal(sign + whole + ("." + fraction if fraction else ""))
    raise NumberError(
        _("“{text}” is not a number. Write it the Vietnamese way, for example 8.493 or 8.493,5.").format(
            text=_shown(typed)
        )
    )


def parse_number(
    value, *, max_digits=None, decimal_places=None, minimum=None, maximum=None, integer=False, percent=False
):
    """The Decimal an officer meant by `value` (text or a spreadsheet cell), None when blank.

    `max_digits`/`decimal_places` are those of the column the value goes to: more decimals than it
    keeps are rounded half up, more digits than it holds are refused. `minimum`/`maximum` bound the
    value; `integer` refuses fractions; `percent` lets a trailing "%" stand.
    """
    if isinstance(value, bool):
        raise NumberError(_("“{text}” is not a number.").format(text=_shown(value)))
    if value is None:
        return None
    if isinstance(value, Decimal | int | float):
        number = _decimal(value)
    else:
        text = str(value).strip()
        if percent and text.endswith("%"):
            text = text[:-1].strip()
        if not text:
            return None
        number = _read_text(text)
    if not number.is_finite():
        raise NumberError(_("“{text}” is not a number.").format(text=_shown(value)))
    if integer and number != number.to_integral_value():
        raise NumberError(_("“{text}” must be a whole number.").format(text=_shown(value)))
    if decimal_places is not None:
        try:
            number = number.quantize(Decimal(1).scaleb(-decimal_places), rounding=ROUND_HALF_UP)
        except InvalidOperation:
            raise NumberError(_("“{text}” is too large.").format(text=_shown(value))) from None
    if max_digits is not None:
        whole_digits = max_digits - (decimal_places or 0)
        if abs(number) >= Decimal(10) ** whole_digits:
            raise NumberError(
                _("“{text}” is too large: at most {digits} digits before the decimal mark.").format(
                    text=_shown(value), digits=whole_digits
                )
            )
    if minimum is not None and number < minimum:
        raise NumberError(
            _("“{text}” must be at least {minimum}.").format(text=_shown(value), minimum=format_number(minimum))
        )
    if maximum is not None and number > maximum:
        raise NumberError(
            _("“{text}” must be at most {maximum}.").format(text=_shown(value), maximum=format_number(maximum))
        )
    return number


def parse_integer(value, **bounds):
    """An int by the same rule ("1.000" is 1000), None when blank; fractions are refused."""
    number = parse_number(value, **{**bounds, "integer": True})
    return None if number is None else int(number)


def bounds_of(model_field):
    """The keyword arguments of `parse_number` that keep a value storable in `model_field`."""
    kind = model_field.get_internal_type()
    if kind == "DecimalField":
        return {"max_digits": model_field.max_digits, "decimal_places": model_field.decimal_places}
    if kind in INTEGER_LIMITS:
        low, high = INTEGER_LIMITS[kind]
        return {"integer": True, "minimum": low, "maximum": high}
    if kind == "FloatField":
        return {"minimum": Decimal("-1e15"), "maximum": Decimal("1e15")}
    raise TypeError(f"{model_field!r} is not a number field")


def format_number(value, decimals=None):
    """A number in the active language's format: 50985.5 -> "50.985,5" in Vietnamese; None -> "—".

    Without `decimals`, trailing zeros are dropped (8.20 -> "8,2"); with them, rounded half up.
    """
    if value is None or value == "":
        return "—"
    value = Decimal(str(value))
    if decimals is None:
        value = value.normalize()
        decimal_places = max(0, -value.as_tuple().exponent)
    else:
        decimal_places = int(decimals)
        value = value.quantize(Decimal(1).scaleb(-decimal_places), rounding=ROUND_HALF_UP)
    return number_format(value, decimal_pos=decimal_places, use_l10n=True, force_grouping=True)


def format_percent(value, decimals=None):
    if value is None or value == "":
        return "—"
    return f"{format_number(value, decimals)}%"


def format_input(value):
    """The text a form input shows for a stored number, which `parse_number` reads back unchanged.

    Vietnamese decimal comma, no thousands dots, whatever the active language: 1234.5 -> "1234,5",
    Decimal("8.2000") -> "8,2", 2026 -> "2026"; None -> "".
    """
    if value is None or isinstance(value, str):
        return value or ""
    number = _decimal(value)
    if not number.is_finite():
        return str(value)
    text = format(number.normalize(), "f")
    return text.replace(".", ",")
