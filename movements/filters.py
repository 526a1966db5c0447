import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from directory.fields import unit_filter

from .enums import MovementKind, MovementLevel, MovementScope, MovementState
from .models import Movement


class MovementFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    level = django_filters.ChoiceFilter(label=_("Level"), choices=MovementLevel.choices, empty_label=_("All levels"))
    kind = django_filters.ChoiceFilter(
        label=_("Movement kind"), choices=MovementKind.choices, empty_label=_("All kinds")
    )
    scope = django_filters.ChoiceFilter(label=_("Scope"), choices=MovementScope.choices, empty_label=_("All scopes"))
    UNDER_WAY = "under_way"
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[(UNDER_WAY, _("Under way (launched, running or interim-reviewed)")), *MovementState.choices],
        method="filter_state",
        empty_label=_("All states"),
    )
    year = django_filters.NumberFilter(label=_("Running in year"), method="filter_year", min_value=1945, max_value=2100)
    lead_unit = unit_filter(label=_("Lead unit"))

    class Meta:
        model = Movement
        fields = ["q", "level", "kind", "scope", "state", "year", "lead_unit"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_state(self, queryset, name, value):
        if value == self.UNDER_WAY:
            return queryset.filter(state__in=MovementState.open())
        return queryset.filter(state=value)

    def filter_year(self, queryset, name, value):
        year = int(value)
        return queryset.filter(Q(starts_on__year__lte=year) | Q(starts_on__isnull=True)).filter(
            Q(ends_on__year__gte=year) | Q(ends_on__isnull=True)
        )
