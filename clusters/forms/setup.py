"""Forms of the set-up pages: clusters and their member units, a new term, its settings, members,
phases and criteria. Units are chosen through the shared autocomplete (`directory.fields`), numbers
through `portal.forms.NumberField` (model forms derive from `portal.forms.ModelForm`); every text
has the length of the column it goes to, so nothing stored fails to load.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.fields import unit_field, units_field
from directory.models import Unit
from portal.forms import IntegerNumberField, ModelForm

from ..domain.setup import CRITERION_FIELDS, REASON_MAX, TERM_SETTINGS
from ..enums import PhaseKind
from ..models import Cluster, Criterion, CriterionGroup, Term

YEAR_BOUNDS = {"min_value": 2000, "max_value": 2100}
DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class ReasonForm(forms.Form):
    """The reason an officer gives for changing a running term (recorded in the history)."""

    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required once the term is running; recorded in the history."),
    )


class ClusterForm(ModelForm):
    organising_body = unit_field(label=_("Organising body"), required=False)

    class Meta:
        model = Cluster
        fields = ["kind", "name", "organising_level", "organising_body"]


class ClusterMemberForm(forms.Form):
    unit = unit_field(label=_("Unit"))
    from_year = IntegerNumberField(label=_("Member from year"), **YEAR_BOUNDS)
    to_year = IntegerNumberField(label=_("Member until year"), required=False, **YEAR_BOUNDS)


class ClusterMemberEndForm(forms.Form):
    to_year = IntegerNumberField(label=_("Member until year"), **YEAR_BOUNDS)


class TermCreateForm(forms.Form):
    year = IntegerNumberField(label=_("Year"), **YEAR_BOUNDS)
    lead_unit = unit_field(label=_("Lead unit"))
    deputy_unit = unit_field(label=_("Deputy unit"), required=False)
    members = units_field(
        label=_("Members"),
        required=False,
        help_text=_("Proposed: the members valid that year, else last year's. The lead and deputy must be among them."),
    )
    copy_from = forms.ModelChoiceField(
        Term.objects.none(), label=_("Copy from the term of"), required=False, empty_label=_("Nothing: start empty")
    )
    copy_criteria = forms.BooleanField(label=_("Copy the criteria"), required=False, initial=True)
    copy_phases = forms.BooleanField(
        label=_("Copy the phase plan (dates moved to the new year)"), required=False, initial=True
    )

    def __init__(self, *args, cluster, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].queryset = Term.objects.filter(cluster=cluster).order_by("-year")
        self.fields["copy_from"].label_from_instance = lambda term: str(term.year)
        self.fields["lead_unit"].label = cluster.words.lead
        self.fields["deputy_unit"].label = cluster.words.deputy


class TermSettingsForm(ModelForm):
    reason = ReasonForm.base_fields["reason"]

    class Meta:
        model = Term
        fields = list(TERM_SETTINGS)
        widgets = {"compact_signed_on": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        members = Unit.objects.filter(term_memberships__term=self.instance)
        words = self.instance.cluster.words
        self.fields["lead_unit"] = unit_field(members, label=words.lead)
        self.fields["deputy_unit"] = unit_field(members, label=words.deputy, required=False)
        self.order_fields([*TERM_SETTINGS, "reason"])


class TermMemberForm(ReasonForm):
    unit = unit_field(label=_("Unit"))
    field_order = ["unit", "reason"]


class PhaseForm(ReasonForm):
    kind = forms.ChoiceField(label=_("Phase"), choices=PhaseKind.choices)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE_WIDGET)
    field_order = ["kind", "starts_on", "ends_on", "reason"]


class MovePhaseForm(ReasonForm):
    kind = forms.ChoiceField(label=_("Phase"), choices=PhaseKind.choices)
    field_order = ["kind", "reason"]


class MoveForm(ReasonForm):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])


class GroupForm(ReasonForm):
    title = forms.CharField(label=_("Title"), max_length=CriterionGroup._meta.get_field("title").max_length)
    parent = forms.ModelChoiceField(
        CriterionGroup.objects.none(), label=_("Inside the group"), required=False, empty_label=_("(top level)")
    )
    field_order = ["title", "parent", "reason"]

    def __init__(self, *args, term, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = CriterionGroup.objects.filter(term=term, parent__isnull=True)
        if group is not None:
            parents = parents.exclude(pk=group.pk)
        self.fields["parent"].queryset = parents


class CriterionForm(ModelForm):
    reason = ReasonForm.base_fields["reason"]
    group = forms.ModelChoiceField(CriterionGroup.objects.none(), label=_("Group"))

    class Meta:
        model = Criterion
        fields = ["group", *CRITERION_FIELDS]

    def __init__(self, *args, term, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = CriterionGroup.objects.filter(term=term).select_related("parent")
        self.fields["group"].label_from_instance = lambda group: (
            f"{group.parent.title} › {group.title}" if group.parent_id else group.title
        )
        self.fields["max_points"].widget.attrs["data-criterion-max"] = ""
        self.order_fields(["group", *CRITERION_FIELDS, "reason"])

    def _post_clean(self):
        # The domain saves the criterion (and runs the model's checks, with the term's lock).
        pass

    def values(self):
        return {name: self.cleaned_data[name] for name in CRITERION_FIELDS}


class ConfirmForm(ReasonForm):
    """A destructive action: the page asks first, the POST carries the reason when needed."""
