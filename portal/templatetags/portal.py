"""Template helpers for Vietnamese numbers and the shared page pieces."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def number(value, decimals=None):
    """A number in the active language's format: 50985.5 -> "50.985,5" in Vietnamese.

    Without `decimals`, trailing zeros are dropped (8.20 -> "8,2").
    """
    if value is None or value == "":
        return "—"
    value = Decimal(str(value))
    if decimals is None:
        value = value.normalize()
        decimal_places = max(0, -value.as_tuple().exponent)
    else:
        decimal_places = int(decimals)
        # number_format cuts extra digits off; officers expect 96.6199 to read 96,62.
        value = value.quantize(Decimal(1).scaleb(-decimal_places), rounding=ROUND_HALF_UP)
    return number_format(value, decimal_pos=decimal_places, use_l10n=True, force_grouping=True)


@register.filter
def percent(value, decimals=None):
    if value is None or value == "":
        return "—"
    return f"{number(value, decimals)}%"


@register.filter
def startswith(text, prefix):
    return str(text).startswith(str(prefix))
