"""Template helpers for Vietnamese numbers and the shared page pieces."""

from functools import lru_cache

from django import template
from django.utils.translation import get_language

from portal.numbers import format_number, format_percent

register = template.Library()


@lru_cache(maxsize=4096)
def _formatted(text, decimals, language, formatter):
    """`formatter(text, decimals)` remembered: a number's text depends on nothing but the number as
    written (`format_number` starts from `Decimal(str(value))`), the decimals and the language, so
    the same figure shown again (a ranking shows each total three times, a list its zeros) is
    formatted once per process. It holds no user data and cannot go stale."""
    return formatter(text, decimals)


def _memoised(formatter, value, decimals):
    if value is None or value == "":
        return formatter(value, decimals)
    try:
        return _formatted(str(value), decimals, get_language(), formatter)
    except TypeError:  # an unhashable `decimals` argument
        return formatter(str(value), decimals)


@register.filter
def number(value, decimals=None):
    """A number in the active language's format: 50985.5 -> "50.985,5" in Vietnamese (see portal.numbers)."""
    return _memoised(format_number, value, decimals)


@register.filter
def percent(value, decimals=None):
    """A percentage: 92.645 -> "92,65%" with `decimals` 2 (see portal.numbers)."""
    return _memoised(format_percent, value, decimals)


@register.filter
def startswith(text, prefix):
    return str(text).startswith(str(prefix))
