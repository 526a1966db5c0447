import django_filters
from django.utils.translation import gettext_lazy as _

from .enums import ClusterKind, OrganisingLevel, SheetStatus
from .models import Cluster, Sheet


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


class SheetFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SheetStatus.choices, empty_label=_("All statuses"))

    class Meta:
        model = Sheet
        fields = ["q", "status"]

    def filter_q(self, queryset, name, value):
        from portal.text import folded_search

        return queryset.filter(folded_search(value, field="unit__search_text"))
