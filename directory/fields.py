"""Choosing a unit or a person in a form or a list filter: always an autocomplete, never a select of
the directory (a province holds thousands of units and their people; a page must not grow with them).

    lead_unit = unit_field(label=_("Lead unit"))                     # current units
    participants = units_field(label=_("Participants"), required=False)
    person = person_field(label=_("Person"), required=False)
    lead_unit = unit_filter(label=_("Lead unit"))                     # in a django-filter FilterSet

The endpoints (`directory:unit_autocomplete`, `directory:person_autocomplete`) answer only what the
signed-in user may see, diacritics folded; the field still validates the posted id against its own
queryset, so narrow it (`queryset=...`) where a user may choose only some rows.
"""

from django.utils.text import capfirst

from portal.widgets import (
    PERSON_TYPED_MESSAGES,
    AutocompleteChoiceField,
    AutocompleteFilter,
    AutocompleteMultipleField,
)

from .models import Person, Unit

UNITS_URL = "directory:unit_autocomplete"
PEOPLE_URL = "directory:person_autocomplete"
PAST_TOO = {"all": "1"}  # the unit endpoint's parameter: units that no longer exist are suggested too


def label_of(model, name):
    """A model field's label as a model form would give it (an autocomplete field is declared by hand)."""
    return capfirst(model._meta.get_field(name).verbose_name)


def person_label(person):
    """ "Phạm Thị Lan – Sở Giáo dục và Đào tạo": people of one name are told apart by their unit."""
    return f"{person.full_name} – {person.unit.name}"


class _CurrentOnly:
    """Accepts only the units current on the day of the request: a form's fields are copied for each
    form (`copy.deepcopy(base_fields)`), so the day is read then, not when the form class was defined."""

    def __deepcopy__(self, memo):
        field = super().__deepcopy__(memo)
        field.queryset = Unit.objects.current()
        return field


class CurrentUnitField(_CurrentOnly, AutocompleteChoiceField):
    pass


class CurrentUnitsField(_CurrentOnly, AutocompleteMultipleField):
    pass


def unit_field(queryset=None, *, current=False, past_too=False, kind=None, url=UNITS_URL, **kwargs):
    """One unit (current units suggested; `past_too` also those that merged away). `current`: only units
    current today are accepted. `kind`: only units of that kind are suggested and accepted. `url`: an
    endpoint of its own where the suggestions are narrower than what the user may see."""
    field_class = CurrentUnitField if current else AutocompleteChoiceField
    queryset = queryset if queryset is not None else Unit.objects.all()
    params = dict(PAST_TOO if past_too else {})
    if kind:
        queryset, params["kind"] = queryset.filter(kind=kind), kind
    return field_class(queryset, url=url, params=params or None, **kwargs)


def units_field(queryset=None, *, current=False, past_too=False, **kwargs):
    """Several units."""
    field_class = CurrentUnitsField if current else AutocompleteMultipleField
    queryset = queryset if queryset is not None else Unit.objects.all()
    return field_class(queryset, url=UNITS_URL, params=PAST_TOO if past_too else None, **kwargs)


def person_field(queryset=None, *, url=PEOPLE_URL, **kwargs):
    """One person, shown with their unit; typed without JavaScript, the exact full name."""
    queryset = queryset if queryset is not None else Person.objects.select_related("unit")
    field = AutocompleteChoiceField(
        queryset, url=url, typed_lookup=("full_name",), typed_messages=PERSON_TYPED_MESSAGES, **kwargs
    )
    field.label_from_instance = person_label
    return field


def unit_filter(queryset=None, **kwargs):
    """A list filter on a unit: every unit, those of the past too (a list shows old records)."""
    queryset = queryset if queryset is not None else Unit.objects.all()
    return AutocompleteFilter(queryset=queryset, url=UNITS_URL, params=PAST_TOO, **kwargs)


def person_filter(queryset=None, **kwargs):
    queryset = queryset if queryset is not None else Person.objects.select_related("unit")
    return AutocompleteFilter(
        queryset=queryset,
        url=PEOPLE_URL,
        typed_lookup=("full_name",),
        typed_messages=PERSON_TYPED_MESSAGES,
        **kwargs,
    )
