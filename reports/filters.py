import django_filters
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster

from .enums import ConferenceKind, Period, ReportStatus, StatReportState
from .models import ClusterReport, Conference, MemberReport, StatReport


class TermFilters(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    cluster = django_filters.ModelChoiceFilter(
        label=_("Cluster or bloc"),
        field_name="term__cluster",
        queryset=Cluster.objects.order_by("search_text"),
        empty_label=_("All clusters and blocs"),
    )
    year = django_filters.NumberFilter(label=_("Year"), field_name="term__year")
    period = django_filters.ChoiceFilter(
        label=_("Reporting period"), choices=Period.choices, empty_label=_("All periods")
    )

    def filter_q(self, queryset, name, value):
        return queryset.search(value)


class MemberReportFilterSet(TermFilters):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ReportStatus.choices, empty_label=_("All statuses"))

    class Meta:
        model = MemberReport
        fields = ["q", "cluster", "year", "period", "status"]


class ClusterReportFilterSet(TermFilters):
    class Meta:
        model = ClusterReport
        fields = ["q", "cluster", "year", "period"]


class ConferenceFilterSet(TermFilters):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ConferenceKind.choices, empty_label=_("All kinds"))

    class Meta:
        model = Conference
        fields = ["q", "cluster", "year", "period", "kind"]


class StatReportFilterSet(django_filters.FilterSet):
    code = django_filters.CharFilter(field_name="form__code", label=_("Form code"), lookup_expr="startswith")
    year = django_filters.NumberFilter(label=_("Year"))
    state = django_filters.ChoiceFilter(label=_("State"), choices=StatReportState.choices, empty_label=_("All states"))

    class Meta:
        model = StatReport
        fields = ["code", "year", "state"]
