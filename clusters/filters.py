import django_filters
from django.utils.translation import gettext_lazy as _

from portal.text import folded_search

from .enums import ClusterKind, OrganisingLevel, SheetStatus
from .models import Cluster, ClusterMember, Sheet, TermMember


class ClusterFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ClusterKind.choices, empty_label=_("Clusters and blocs")
    )
    organising_level = django_filters.ChoiceFilter(
        label=_("Organising level"), choices=OrganisingLevel.choices, empty_label=_("All levels")
    )

    class Meta:
        model = Cluster
        fields = ["q", "kind", "organising_level"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)


class UnitSearchFilterSet(django_filters.FilterSet):
    """Rows of one unit each (sheets, members): `q` searches the unit's name without diacritics."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")

    def filter_q(self, queryset, name, value):
        return queryset.filter(folded_search(value, field="unit__search_text"))


class SheetFilterSet(UnitSearchFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SheetStatus.choices, empty_label=_("All statuses"))

    class Meta:
        model = Sheet
        fields = ["q", "status"]


class ClusterMemberFilterSet(UnitSearchFilterSet):
    year = django_filters.NumberFilter(label=_("Member in year"), method="filter_year")

    class Meta:
        model = ClusterMember
        fields = ["q", "year"]

    def filter_year(self, queryset, name, value):
        if not 1900 <= value <= 2200:
            return queryset.none()
        return queryset.valid_in(int(value))


class TermMemberFilterSet(UnitSearchFilterSet):
    class Meta:
        model = TermMember
        fields = ["q"]
