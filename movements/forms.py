from django import forms
from django.utils.translation import gettext_lazy as _

from directory.fields import label_of, person_field, unit_field, units_field
from portal.dates import check_within
from portal.forms import ModelForm, number_formfield
from portal.uploads import DocumentFileField

from .domain import REASON_MAX
from .domain.progress import progress_date_problem
from .domain.targets import DEADLINE_OUTSIDE
from .enums import ReviewKind
from .models import Movement, MovementDocument, MovementReview, ProgressEntry, Registration, Target

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
DECIMAL_INPUT = forms.TextInput(attrs={"inputmode": "decimal"})
PLAN_AFTER_END = _(
    "The plan date {value} is after the movement's end on {end}: the plan comes before the movement ends."
)


def reason_field(label=None):
    """The reason of a correction (required, recorded in the history)."""
    return forms.CharField(
        label=label or _("Reason for the correction"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required; recorded in the history."),
    )


class ReasonForm(forms.Form):
    reason = reason_field()


class MovementForm(ModelForm):
    # Units through the shared autocomplete (directory.fields): the page never lists the directory.
    lead_unit = unit_field(current=True, label=label_of(Movement, "lead_unit"))
    standing_unit = unit_field(current=True, label=label_of(Movement, "standing_unit"), required=False)
    participants = units_field(current=True, label=label_of(Movement, "participants"), required=False)

    class Meta:
        model = Movement
        fields = [
            "name",
            "code",
            "level",
            "kind",
            "scope",
            "launching_authority",
            "plan_number",
            "plan_date",
            "starts_on",
            "ends_on",
            "lead_unit",
            "standing_unit",
            "objectives",
            "participants",
        ]
        widgets = {
            "plan_date": DATE_WIDGET,
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "objectives": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_on", "ends_on"):
            self.fields[name].required = True
        self.fields["scope"].required = False  # issue 14: left out, the model's default (a sector's movement)

    def clean_scope(self):
        return self.cleaned_data.get("scope") or self.instance.scope or Movement._meta.get_field("scope").default

    def clean(self):
        cleaned = super().clean()
        try:
            check_within(cleaned.get("plan_date"), None, cleaned.get("ends_on"), PLAN_AFTER_END)
        except forms.ValidationError as error:
            self.add_error("plan_date", error)
        return cleaned


class TargetForm(ModelForm):
    class Meta:
        model = Target
        fields = ["indicator", "unit_of_measure", "direction", "baseline_value", "target_value", "deadline"]
        widgets = {"deadline": DATE_WIDGET, "baseline_value": DECIMAL_INPUT, "target_value": DECIMAL_INPUT}

    def __init__(self, *args, movement=None, **kwargs):
        super().__init__(*args, **kwargs)
        if movement is not None:
            self.instance.movement = movement
        if self.instance.pk:  # a correction of an existing target says why
            self.fields["reason"] = reason_field()

    def clean(self):
        cleaned = super().clean()
        deadline = cleaned.get("deadline")
        movement = self.instance.movement
        if deadline and movement.starts_on and deadline < movement.starts_on:
            self.add_error("deadline", _("The deadline cannot be before the movement starts."))
        elif deadline:
            try:
                check_within(deadline, movement.starts_on, movement.ends_on, DEADLINE_OUTSIDE)
            except forms.ValidationError as error:
                self.add_error("deadline", error)
        return cleaned


class ProgressForm(ModelForm):
    """A progress value; dated within the movement's period. Editing an entry asks for a reason."""

    value = number_formfield(ProgressEntry._meta.get_field("value"), min_value=0, widget=DECIMAL_INPUT)

    class Meta:
        model = ProgressEntry
        fields = ["recorded_on", "value", "source"]
        widgets = {"recorded_on": DATE_WIDGET}

    def __init__(self, *args, movement=None, correcting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.movement = movement
        if correcting:
            self.fields["reason"] = reason_field()

    def clean_recorded_on(self):
        day = self.cleaned_data.get("recorded_on")
        problem = progress_date_problem(self.movement, day) if self.movement is not None else None
        if problem:
            raise forms.ValidationError(problem, code="outside_period")
        return day


class RegistrationForm(ModelForm):
    """Officers choose the unit; a unit officer registers their own unit only (no choice shown)."""

    unit = unit_field(current=True, label=_("Unit"))

    class Meta:
        model = Registration
        fields = ["unit", "commitments", "aimed_titles"]
        widgets = {"commitments": forms.Textarea(attrs={"rows": 5}), "aimed_titles": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, can_choose_unit=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_choose_unit:
            del self.fields["unit"]


class ReviewForm(ModelForm):
    class Meta:
        model = MovementReview
        fields = ["kind", "held_on", "summary"]
        widgets = {"held_on": DATE_WIDGET, "summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ReviewKind.choices


class HonoureeForm(forms.Form):
    unit = unit_field(label=_("Outstanding collective"), required=False, past_too=True)
    person = person_field(label=_("Outstanding individual"), required=False)
    note = forms.CharField(label=_("Achievement"), max_length=500, required=False)

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("unit")) == bool(cleaned.get("person")):
            raise forms.ValidationError(_("Choose either a collective or an individual."))
        return cleaned


class DocumentForm(ModelForm):
    file = DocumentFileField(label=_("File"))

    class Meta:
        model = MovementDocument
        fields = ["title", "number", "issued_on", "file"]
        widgets = {"issued_on": DATE_WIDGET}
