"""Choosing one row (or a few) of a large table without listing the table: an autocomplete.

    lead_unit = AutocompleteChoiceField(
        queryset=Unit.objects.all(), url="directory:unit_autocomplete", typed_lookup=("code", "name")
    )

The page renders only the selected option(s) and a search box; static/js/autocomplete.js fills the
box's suggestions from the JSON endpoint named by `url` (`{"results": [{"id": 1, "text": "..."}]}`).
Without JavaScript the search box still works: what is typed there (a code, or an exact name; for a
multiple field several, one per line or separated by ";") is looked up in `typed_lookup` fields.
A posted id is validated against the queryset, as `ModelChoiceField` does. Templates render
`{{ form.media }}` to load the script. portal imports no app: the endpoint is given by URL name.
"""

from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

__all__ = [
    "AutocompleteSelect",
    "AutocompleteSelectMultiple",
    "AutocompleteChoiceField",
    "AutocompleteMultipleField",
    "AutocompleteFilter",
    "autocomplete_response",
]

AUTOCOMPLETE_LIMIT = 20


def autocomplete_response(request, queryset, describe, *, search=None, order_by=("search_text", "pk")):
    """The JSON an autocomplete endpoint answers: the rows of `queryset` matching `?q=` (its
    `search()`, diacritics folded; or `search(queryset, query)` for rows searched through a related
    row's folded text), the first 20 in `order_by`, each as `{"id": pk, **describe(row)}` (`describe`
    gives at least "text")."""
    query = (request.GET.get("q") or "").replace("\x00", "").strip()[:100]
    if query:
        queryset = search(queryset, query) if search is not None else queryset.search(query)
    rows = queryset.order_by(*order_by)[:AUTOCOMPLETE_LIMIT]
    return JsonResponse({"results": [{"id": row.pk, **describe(row)} for row in rows]})


SEARCH_SUFFIX = "__search"
TYPED_MAX = 255


class Typed(str):
    """What was typed in the search box of an autocomplete without JavaScript."""


def _selected_options(widget, name, value):
    field = getattr(widget.choices, "field", None)
    values = [str(v) for v in value if v not in (None, "")]
    ids = [v for v in values if v.isdigit() and len(v) < 19]
    options = []
    if field is not None and ids:
        rows = {str(row.pk): row for row in field.queryset.filter(pk__in=ids)}
        options = [(key, field.label_from_instance(rows[key])) for key in ids if key in rows]
    return options


def _typed(data, name):
    """The search box's text (NUL characters dropped: PostgreSQL refuses them)."""
    return str(data.get(name + SEARCH_SUFFIX) or "").replace("\x00", "").strip()


class AutocompleteSelect(forms.Select):
    """A select holding only the selected option, with a search box beside it."""

    template_name = "portal/widgets/autocomplete.html"
    allow_multiple_selected = False

    class Media:
        js = ["js/autocomplete.js"]

    def __init__(self, *, url, attrs=None, placeholder=None, params=None):
        super().__init__(attrs=attrs)
        self.url = url
        self.placeholder = placeholder
        self.params = params or {}  # added to the endpoint's query string ({"all": "1"}: units of the past too)

    def optgroups(self, name, value, attrs=None):
        options = _selected_options(self, name, value)
        groups = []
        if not self.allow_multiple_selected:
            groups.append((None, [self.create_option(name, "", "—", not options, 0, attrs=attrs)], 0))
        for index, (key, label) in enumerate(options, start=1):
            groups.append((None, [self.create_option(name, key, label, True, index, attrs=attrs)], index))
        return groups

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["search_name"] = name + SEARCH_SUFFIX
        url = reverse(self.url)
        context["widget"]["search_url"] = f"{url}?{urlencode(self.params)}" if self.params else url
        context["widget"]["multiple"] = self.allow_multiple_selected
        context["widget"]["placeholder"] = self.placeholder or _("Type a code or a name")
        return context

    def value_from_datadict(self, data, files, name):
        typed = _typed(data, name)
        if typed:
            return Typed(typed[:TYPED_MAX])
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and (name + SEARCH_SUFFIX) not in data


class AutocompleteSelectMultiple(AutocompleteSelect):
    allow_multiple_selected = True

    def value_from_datadict(self, data, files, name):
        picked = data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []
        typed = _typed(data, name)
        if typed:
            return [*picked, Typed(typed[: TYPED_MAX * 20])]
        return list(picked)

    def format_value(self, value):
        if value is None:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        return [str(getattr(v, "pk", v)) for v in value if v not in (None, "")]


UNIT_TYPED_MESSAGES = {
    "none": _("No unit matches “{typed}”: type its code or its exact name, or pick it from the suggestions."),
    "many": _("Several units match “{typed}”: type its code."),
}
PERSON_TYPED_MESSAGES = {
    "none": _("No person matches “{typed}”: type the exact full name, or pick it from the suggestions."),
    "many": _("Several people are called “{typed}”: pick the right one from the suggestions."),
}


class _TypedLookup:
    """What both autocomplete fields share: the widget on `url`, and the lookup of what was typed."""

    typed_messages = UNIT_TYPED_MESSAGES
    widget_class = None

    def __init__(
        self,
        queryset,
        *,
        url,
        typed_lookup=("code", "name"),
        placeholder=None,
        params=None,
        typed_messages=None,
        **kwargs,
    ):
        self.typed_lookup = typed_lookup
        if typed_messages is not None:
            self.typed_messages = typed_messages
        kwargs.setdefault("widget", self.widget_class(url=url, placeholder=placeholder, params=params))
        super().__init__(queryset, **kwargs)

    def lookup_typed(self, typed):
        condition = Q()
        for field_name in self.typed_lookup:
            condition |= Q(**{f"{field_name}__iexact": typed})
        rows = list(self.queryset.filter(condition)[:2])
        if not rows:
            raise forms.ValidationError(str(self.typed_messages["none"]).format(typed=typed), code="invalid_choice")
        if len(rows) > 1:
            raise forms.ValidationError(str(self.typed_messages["many"]).format(typed=typed), code="invalid_choice")
        return rows[0]


class AutocompleteChoiceField(_TypedLookup, forms.ModelChoiceField):
    """One row of `queryset`, picked through the endpoint `url` (a URL name) or typed (`typed_lookup`)."""

    widget_class = AutocompleteSelect

    def to_python(self, value):
        if isinstance(value, Typed):
            return self.lookup_typed(str(value))
        if isinstance(value, str) and value and not value.isdigit():
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class AutocompleteMultipleField(_TypedLookup, forms.ModelMultipleChoiceField):
    """Several rows of `queryset`: those picked, plus those typed (one per line or separated by ";")."""

    widget_class = AutocompleteSelectMultiple

    def clean(self, value):
        value = list(value or [])
        typed = [v for v in value if isinstance(v, Typed)]
        picked = [v for v in value if not isinstance(v, Typed)]
        for bad in picked:
            if not str(bad).isdigit() or len(str(bad)) >= 19:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": bad}
                )
        extra = []
        for text in typed:
            for part in str(text).replace(";", "\n").splitlines():
                if part.strip():
                    extra.append(self.lookup_typed(part.strip()[:TYPED_MAX]))
        if not picked and not extra:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return self.queryset.none()
        rows = list(super().clean(picked)) if picked else []
        seen = {row.pk for row in rows}
        rows += [row for row in extra if row.pk not in seen and not seen.add(row.pk)]
        return rows


class AutocompleteFilter(django_filters.ModelChoiceFilter):
    """A list filter on one row of a large table, chosen through an autocomplete (never a select of
    the table): `AutocompleteFilter(queryset=Unit.objects.all(), url="directory:unit_autocomplete")`.
    The other arguments go to `AutocompleteChoiceField` (typed_lookup, params, typed_messages, ...)."""

    field_class = AutocompleteChoiceField
