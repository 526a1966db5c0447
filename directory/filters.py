import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .enums import DutyRatingLevel, UnitKind
from .fields import unit_filter
from .models import DutyRating, Person, Unit


class UnitFilterSet(django_filters.FilterSet):
    CURRENT, HISTORICAL = "current", "historical"

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=UnitKind.choices, empty_label=_("All kinds"))
    province = django_filters.ModelChoiceFilter(
        label=_("Province"),
        queryset=Unit.objects.provinces().order_by("search_text"),
        method="filter_province",
        empty_label=_("All provinces"),
    )
    parent = django_filters.NumberFilter(field_name="parent_id", label=_("Parent unit"), widget=forms.HiddenInput)
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(CURRENT, _("Current")), (HISTORICAL, _("Historical (merged or dissolved)"))],
        method="filter_status",
        empty_label=_("Current and historical"),
    )

    class Meta:
        model = Unit
        fields = ["q", "kind", "province", "parent", "status"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_province(self, queryset, name, value):
        return queryset.filter(Q(pk=value.pk) | Q(parent=value) | Q(parent__parent=value))

    def filter_status(self, queryset, name, value):
        if value == self.CURRENT:
            return queryset.current()
        if value == self.HISTORICAL:
            return queryset.historical()
        return queryset


class PersonFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    unit = unit_filter(label=_("Unit"))
    gender = django_filters.ChoiceFilter(
        label=_("Gender"), choices=Person._meta.get_field("gender").choices, empty_label=_("All")
    )

    class Meta:
        model = Person
        fields = ["q", "unit", "gender"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)


class DutyRatingFilterSet(django_filters.FilterSet):
    PEOPLE, UNITS = "people", "units"

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    year = django_filters.NumberFilter(label=_("Year"), min_value=1945, max_value=2100)
    rating = django_filters.ChoiceFilter(
        label=_("Rating of duty completion"), choices=DutyRatingLevel.choices, empty_label=_("All ratings")
    )
    unit = unit_filter(label=_("Unit"), method="filter_unit")
    kind = django_filters.ChoiceFilter(
        label=_("Rated"),
        choices=[(PEOPLE, _("People")), (UNITS, _("Collectives"))],
        method="filter_kind",
        empty_label=_("People and collectives"),
    )

    class Meta:
        model = DutyRating
        fields = ["q", "year", "rating", "unit", "kind"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(person__in=Person.objects.search(value)) | Q(unit__in=Unit.objects.search(value)))

    def filter_unit(self, queryset, name, value):
        return queryset.filter(Q(unit=value) | Q(person__unit=value))

    def filter_kind(self, queryset, name, value):
        return queryset.for_people() if value == self.PEOPLE else queryset.for_units()
