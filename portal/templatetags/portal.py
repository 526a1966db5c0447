"""Template helpers for Vietnamese numbers and the shared page pieces."""

from django import template

from portal.numbers import format_number, format_percent

register = template.Library()


@register.filter
def number(value, decimals=None):
    """A number in the active language's format: 50985.5 -> "50.985,5" in Vietnamese (see portal.numbers)."""
    return format_number(value, decimals)


@register.filter
def percent(value, decimals=None):
    """A percentage: 92.645 -> "92,65%" with `decimals` 2 (see portal.numbers)."""
    return format_percent(value, decimals)


@register.filter
def startswith(text, prefix):
    return str(text).startswith(str(prefix))
