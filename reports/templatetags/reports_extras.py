"""Helpers for the reports templates; the Vietnamese words of the official summary are in reports.domain.wording."""

from django import template

from portal.dates import official_date as official_date_line

from ..domain import wording

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.filter
def unit_vi(code):
    return wording.unit_vi(code)


@register.filter
def kind_vi(code):
    return wording.kind_vi(code)


@register.filter
def with_unit(value, measure_unit):
    """8.2 + percent -> "8,2%"; 8.493 + billion_usd -> "8,493 tỷ USD"."""
    return wording.with_unit(value, measure_unit)


@register.filter
def official_date(day):
    """The date line of an official document: "ngày 05 tháng 01 năm 2023" (portal.dates.official_date)."""
    return official_date_line(day) if day else ""
