from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusters.models import Term
from directory.enums import UnitKind
from directory.fields import label_of, unit_field
from directory.rules import is_officer
from portal.dates import check_within
from portal.forms import IntegerNumberField, ModelForm, NumberField
from portal.imports import ImportFileField
from portal.uploads import DocumentFileField

from .domain.member_reports import REASON_MAX
from .enums import MeasureUnit, Period
from .models import ClusterReport, Conference, IndicatorValue, MemberReport, conference_window

OUTSIDE_TERM = _("The conference date {value} is outside the term it reviews: enter a date from {start} to {end}.")


def reason_field(*, required, label=None, help_text=None):
    return forms.CharField(
        label=label or _("Reason for the correction"),
        required=required,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text or _("Recorded in the history beside the change."),
    )


class ReturnForm(forms.Form):
    """The lead or the office returns a submitted report: the reason is shown to the unit."""

    reason = reason_field(
        required=True,
        label=_("Reason for returning the report"),
        help_text=_("The unit is told this reason; it is kept in the report's history."),
    )


class ReasonForm(forms.Form):
    """A correction (deleting a cluster report or a conference) states its reason."""

    reason = reason_field(required=True)


class StartReportForm(forms.Form):
    term = forms.ModelChoiceField(label=_("Cluster and year"), queryset=Term.objects.none())
    period = forms.ChoiceField(label=_("Reporting period"), choices=Period.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = (
            Term.objects.filter(memberships__unit_id=user.unit_id).select_related("cluster").order_by("-year")
            if user.unit_id
            else Term.objects.none()
        )


class CompileForm(forms.Form):
    term = forms.ModelChoiceField(label=_("Cluster and year"), queryset=Term.objects.none())
    period = forms.ChoiceField(label=_("Reporting period"), choices=Period.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        terms = Term.objects.select_related("cluster").order_by("-year")
        if not is_officer(user):
            terms = terms.filter(lead_unit_id=user.unit_id) if user.unit_id else terms.none()
        self.fields["term"].queryset = terms


class MemberReportForm(ModelForm):
    class Meta:
        model = MemberReport
        fields = ["results", "limitations", "tasks_ahead"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}

    def __init__(self, *args, indicators, values, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            value = values.get(indicator.pk)
            self.fields[f"indicator_{indicator.pk}"] = NumberField(
                model_field=IndicatorValue._meta.get_field("value"),
                percent=indicator.measure_unit == MeasureUnit.PERCENT,
                label=f"{indicator.name} ({indicator.get_measure_unit_display()})",
                required=False,
                initial=value,
            )

    def figures(self):
        return {indicator: self.cleaned_data.get(f"indicator_{indicator.pk}") for indicator in self.indicators}


class UploadFiguresForm(forms.Form):
    file = ImportFileField(label=_("Excel file (.xlsx) from the template"))


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    file = DocumentFileField(label=_("File"))


class ClusterReportForm(ModelForm):
    reason = reason_field(required=False)

    class Meta:
        model = ClusterReport
        fields = ["results", "limitations", "tasks_ahead"]
        widgets = {name: forms.Textarea(attrs={"rows": 10}) for name in fields}


class ConferenceForm(ModelForm):
    host_unit = unit_field(label=label_of(Conference, "host_unit"), past_too=True)

    class Meta:
        model = Conference
        fields = [
            "term",
            "period",
            "kind",
            "title",
            "number",
            "issuing_body",
            "held_on",
            "place",
            "host_unit",
            "agenda",
            "adopted_documents",
            "conclusions",
            "next_tasks",
            "commendations",
        ]
        widgets = {
            # dd/mm/yyyy typed like every date of the portal (a type="date" input shows the browser's format)
            "held_on": forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
            **{name: forms.Textarea(attrs={"rows": 4}) for name in ["agenda", "adopted_documents", "conclusions"]},
            **{name: forms.Textarea(attrs={"rows": 4}) for name in ["next_tasks", "commendations"]},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        terms = Term.objects.select_related("cluster").order_by("-year")
        if not is_officer(user):
            terms = terms.filter(Q(lead_unit_id=user.unit_id) | Q(pk=self.instance.term_id))
        self.fields["term"].queryset = terms
        if self.instance.pk is not None:  # correcting a recorded conference: say why (optional)
            self.fields["reason"] = reason_field(required=False)

    def clean(self):
        cleaned = super().clean()
        term, kind, held_on = cleaned.get("term"), cleaned.get("kind"), cleaned.get("held_on")
        if term is not None and kind and held_on:
            start, end = conference_window(year=term.year, kind=kind)
            try:
                check_within(held_on, start, end, OUTSIDE_TERM)
            except forms.ValidationError as error:
                self.add_error("held_on", error)
        return cleaned


class StatReportRequestForm(forms.Form):
    """Fill a statistical form: which form, for which year and reporting unit."""

    code = forms.ChoiceField(label=_("Form"))
    year = IntegerNumberField(label=_("Year"), min_value=2000, max_value=2100)
    # The forms are filed by a province (or a ministry) for all its records: a province is chosen.
    reporting_unit = unit_field(label=_("Reporting unit"), kind=UnitKind.PROVINCE)
    receiving_unit = forms.CharField(label=_("Receiving unit"), max_length=255, initial="Bộ Nội vụ")

    def __init__(self, *args, codes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = codes


class ReopenStatReportForm(forms.Form):
    """A final form is reopened for a correction, with its reason."""

    reason = reason_field(required=True)


def overview_years():
    """The years the overview offers (those the proposal list filters by): next year and 14 back."""
    from django.utils import timezone

    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year + 1, this_year - 15, -1)]


class OverviewFilterForm(forms.Form):
    """The overview's filters (GET): the year, the kind of unit (award figures), the cluster (rankings)."""

    year = forms.TypedChoiceField(label=_("Year"), choices=overview_years, coerce=int, required=False)
    unit_kind = forms.ChoiceField(label=_("Kind of unit"), required=False)
    cluster = forms.ModelChoiceField(
        label=_("Cluster or bloc"), queryset=None, required=False, empty_label=_("The first ranked in these years")
    )

    def __init__(self, *args, **kwargs):
        from clusters.models import Cluster

        super().__init__(*args, **kwargs)
        self.fields["unit_kind"].choices = [("", _("All kinds of unit")), *UnitKind.choices]
        self.fields["cluster"].queryset = Cluster.objects.order_by("name", "pk")
