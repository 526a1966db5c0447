import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .enums import DutyRatingLevel, Gender, OfficeStructure, PositionTier, TrainingLevel, UnitKind
from .fields import unit_filter
from .models import DutyRating, OfficeOrganisation, OfficeStaff, Person, Unit


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
    ENTERPRISES = "yes"
    enterprise = django_filters.ChoiceFilter(
        label=_("Enterprise"),
        choices=[(ENTERPRISES, _("Enterprises only"))],
        method="filter_enterprise",
        empty_label=_("All units"),
    )

    class Meta:
        model = Unit
        fields = ["q", "kind", "province", "parent", "status", "enterprise"]

    def filter_enterprise(self, queryset, name, value):
        return queryset.filter(is_enterprise=True) if value == self.ENTERPRISES else queryset

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
    NOT_SET = "none"
    position_tier = django_filters.ChoiceFilter(
        label=_("Position tier"),
        choices=[*PositionTier.choices, (NOT_SET, _("Not set"))],
        method="filter_tier",
        empty_label=_("All tiers"),
    )

    class Meta:
        model = Person
        fields = ["q", "unit", "gender", "position_tier"]

    def filter_tier(self, queryset, name, value):
        return queryset.filter(position_tier="" if value == self.NOT_SET else value)

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


# --- the office's organisations and civil servants (issue 14) ---
def _in_year(queryset, value, **fields):
    return queryset.in_year(int(value), **fields)


class OfficeOrganisationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    structure = django_filters.ChoiceFilter(
        label=_("Structure"), choices=OfficeStructure.choices, empty_label=_("All structures")
    )
    unit = unit_filter(label=_("Belongs to"))
    year = django_filters.NumberFilter(
        label=_("In existence at the end of"), method="filter_year", min_value=1945, max_value=2100
    )

    class Meta:
        model = OfficeOrganisation
        fields = ["q", "structure", "unit", "year"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_year(self, queryset, name, value):
        return _in_year(queryset, value)


class OfficeStaffFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    training = django_filters.ChoiceFilter(
        label=_("Training"), choices=TrainingLevel.choices, empty_label=_("All training levels")
    )
    gender = django_filters.ChoiceFilter(label=_("Gender"), choices=Gender.choices, empty_label=_("All"))
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=lambda request: OfficeOrganisation.objects.order_by("search_text", "pk"),
        empty_label=_("All organisations"),
    )
    year = django_filters.NumberFilter(
        label=_("In work at the end of"), method="filter_year", min_value=1945, max_value=2100
    )

    class Meta:
        model = OfficeStaff
        fields = ["q", "training", "gender", "organisation", "year"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_year(self, queryset, name, value):
        return _in_year(queryset, value, start="joined_on", end="left_on")
