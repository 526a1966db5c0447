import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.enums import UnitKind
from directory.fields import unit_filter

from .domain import verification
from .domain.lookup import recipient_condition
from .enums import AwardCategory, AwardLevel, CommendationType, ConferringAuthority, ProposalState, RecipientKind
from .models import Award, AwardRecord, CouncilMember, CouncilPosition, Proposal


def _year_choices():
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year + 1, this_year - 15, -1)]


class ProposalFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    year = django_filters.ChoiceFilter(label=_("Year"), choices=_year_choices, empty_label=_("All years"))
    commendation_type = django_filters.ChoiceFilter(
        label=_("Commendation type"), choices=CommendationType.choices, empty_label=_("All types")
    )
    state = django_filters.ChoiceFilter(label=_("State"), choices=ProposalState.choices, empty_label=_("All states"))
    unit = unit_filter(label=_("Unit"))  # an autocomplete: the page never lists the directory
    award = django_filters.ModelChoiceFilter(
        label=_("Award"), queryset=Award.objects.all(), method="filter_award", empty_label=_("All awards")
    )
    late = django_filters.BooleanFilter(
        label=_("Late only"), method="filter_late", widget=django_filters.widgets.BooleanWidget()
    )
    # Issue 14 (overview): the dossiers the office holds, within the 5-working-day window or past it.
    window = django_filters.ChoiceFilter(
        label=_("Verification window"),
        choices=[
            (verification.OPEN, _("With the office, within 5 working days")),
            (verification.OVERDUE, _("With the office, past 5 working days")),
        ],
        method="filter_window",
        empty_label=_("Any window"),
    )

    class Meta:
        model = Proposal
        fields = ["q", "year", "commendation_type", "state", "unit", "award", "late", "window"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_award(self, queryset, name, value):
        return queryset.filter(pk__in=value.nominees.values("proposal_id"))

    def filter_late(self, queryset, name, value):
        if value:
            return queryset.late()
        return queryset

    def filter_window(self, queryset, name, value):
        return queryset.filter(verification.window_condition(value))


class AwardRecordFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name of a person or unit"), method="filter_q")
    year = django_filters.NumberFilter(label=_("Year"))
    award = django_filters.ModelChoiceFilter(
        label=_("Award"), queryset=Award.objects.all(), empty_label=_("All awards")
    )
    # Issue 14 (overview): the figures by commendation type, recipient and unit kind link here.
    commendation_type = django_filters.ChoiceFilter(
        label=_("Commendation type"), choices=CommendationType.choices, empty_label=_("All types")
    )
    recipient = django_filters.ChoiceFilter(
        label=_("Awarded to"), choices=RecipientKind.choices, method="filter_recipient", empty_label=_("Everyone")
    )
    unit_kind = django_filters.ChoiceFilter(
        label=_("Kind of unit"), field_name="unit__kind", choices=UnitKind.choices, empty_label=_("All kinds of unit")
    )

    class Meta:
        model = AwardRecord
        fields = ["q", "year", "award", "commendation_type", "recipient", "unit_kind"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_recipient(self, queryset, name, value):
        return queryset.filter(recipient_condition(value))


class AwardCatalogueFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    level = django_filters.ChoiceFilter(
        label=_("Award level"), choices=AwardLevel.choices, empty_label=_("All award levels")
    )
    conferred_by = django_filters.ChoiceFilter(
        label=_("Conferred by"), choices=ConferringAuthority.choices, empty_label=_("Every authority")
    )
    category = django_filters.ChoiceFilter(
        label=_("Title or form"), choices=AwardCategory.choices, empty_label=_("Titles and forms")
    )
    recipient_kind = django_filters.ChoiceFilter(
        label=_("Awarded to"), choices=RecipientKind.choices, empty_label=_("Everyone")
    )
    commendation_type = django_filters.ChoiceFilter(
        label=_("Commendation type"), choices=CommendationType.choices, method="filter_type", empty_label=_("All types")
    )

    class Meta:
        model = Award
        fields = ["q", "level", "conferred_by", "category", "recipient_kind", "commendation_type"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_type(self, queryset, name, value):
        return queryset.for_type(value)


class CouncilMemberFilterSet(django_filters.FilterSet):
    """The council's roster (issue 12, council part): search by name or office, position, active."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    position = django_filters.ChoiceFilter(
        label=_("Position in the council"), choices=CouncilPosition.choices, empty_label=_("All positions")
    )
    is_active = django_filters.BooleanFilter(label=_("Active"), widget=django_filters.widgets.BooleanWidget())

    class Meta:
        model = CouncilMember
        fields = ["q", "position", "is_active"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)
