from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.forms import ModelForm, number_formfield
from portal.imports import ImportFileField

from .enums import DutyRatingLevel
from .fields import label_of, person_field, unit_field
from .models import DutyRating, OfficeOrganisation, OfficeStaff, Person, Unit

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class UnitForm(ModelForm):
    # Through the autocomplete (directory.fields): the form never lists the directory.
    parent = unit_field(label=label_of(Unit, "parent"), required=False, past_too=True)
    successor = unit_field(label=label_of(Unit, "successor"), required=False, past_too=True)

    class Meta:
        model = Unit
        fields = [
            "name",
            "short_name",
            "kind",
            "is_enterprise",
            "parent",
            "code",
            "valid_from",
            "valid_until",
            "successor",
        ]
        widgets = {"valid_from": DATE_WIDGET, "valid_until": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            others = Unit.objects.exclude(pk=self.instance.pk)
            self.fields["parent"].queryset = others
            self.fields["successor"].queryset = others


class PersonForm(ModelForm):
    class Meta:
        model = Person
        fields = ["full_name", "gender", "position", "position_tier", "unit", "email", "date_of_birth"]
        widgets = {"date_of_birth": DATE_WIDGET}

    unit = unit_field(current=True, label=label_of(Person, "unit"))


class ImportForm(forms.Form):
    UNITS, PEOPLE = "units", "people"
    kind = forms.ChoiceField(
        label=_("What to import"), choices=[(UNITS, _("Units")), (PEOPLE, _("People"))], widget=forms.RadioSelect
    )
    file = ImportFileField()


# --- ratings of duty completion (issue 12) ---
class RatingForm(ModelForm):
    """A new rating: a person or a unit within what the user may rate, picked through autocompletes."""

    class Meta:
        model = DutyRating
        fields = ["year", "rating", "source_document", "member_count"]

    field_order = ["person", "unit", "year", "rating", "source_document", "member_count"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from .domain.ratings import ratable

        people, units = ratable(user)
        self.fields["person"] = person_field(
            people.order_by("search_text", "pk"),
            url="directory:rating_people",
            label=_("Person"),
            required=False,
        )
        self.fields["unit"] = unit_field(
            units.order_by("search_text", "pk"),
            url="directory:rating_units",
            label=_("Unit (for a collective's rating)"),
            required=False,
        )
        refused = _("Choose one of your unit's people or units: a unit rates only its own.")
        self.fields["person"].error_messages["invalid_choice"] = refused
        self.fields["unit"].error_messages["invalid_choice"] = refused
        self.order_fields(self.field_order)

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("person") is None) == (cleaned.get("unit") is None):
            raise forms.ValidationError(_("Choose either a person or a unit."))
        if cleaned.get("person") is not None and cleaned.get("member_count") is not None:
            self.add_error("member_count", _("Only a collective's rating states how many members it had."))
        return cleaned

    def _post_clean(self):
        self.instance.person = self.cleaned_data.get("person")
        self.instance.unit = self.cleaned_data.get("unit")
        super()._post_clean()


class RatingCorrectionForm(forms.Form):
    rating = forms.ChoiceField(label=_("Rating of duty completion"), choices=DutyRatingLevel.choices)
    source_document = forms.CharField(
        label=_("Source document"), max_length=DutyRating._meta.get_field("source_document").max_length
    )
    reason = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, collective=False, **kwargs):
        super().__init__(*args, **kwargs)
        if collective:  # a collective's rating also states how many members it had that year
            self.fields["member_count"] = number_formfield(DutyRating._meta.get_field("member_count"), min_value=1)
            self.order_fields(["rating", "source_document", "member_count", "reason"])


class RatingDeleteForm(forms.Form):
    reason = forms.CharField(label=_("Reason for deleting"), widget=forms.Textarea(attrs={"rows": 2}))


class RatingImportForm(forms.Form):
    """The list's unit (a unit officer's own, fixed) and the file."""

    file = ImportFileField()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from .rules import is_officer

        if is_officer(user):
            self.fields["unit"] = unit_field(label=_("Unit whose list this is"))
            self.order_fields(["unit", "file"])


# --- the office's organisations and civil servants (issue 14, forms 0604.N and 0605.N) ---
class OfficeRowForm(ModelForm):
    """A correction needs its reason (kept in the history); a new row may give one."""

    reason = forms.CharField(label=_("Reason for the change"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["reason"].required = False
            self.fields["reason"].label = _("Note (optional)")


class OfficeOrganisationForm(OfficeRowForm):
    unit = unit_field(label=label_of(OfficeOrganisation, "unit"), required=False, past_too=True)

    class Meta:
        model = OfficeOrganisation
        fields = ["name", "structure", "unit", "established_on", "dissolved_on"]
        widgets = {"established_on": DATE_WIDGET, "dissolved_on": DATE_WIDGET}


class OfficeStaffForm(OfficeRowForm):
    class Meta:
        model = OfficeStaff
        fields = [
            "full_name",
            "gender",
            "birth_year",
            "training",
            "in_work_since",
            "organisation",
            "joined_on",
            "left_on",
        ]
        widgets = {"joined_on": DATE_WIDGET, "left_on": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A province has a handful of these organisations: a select is fine (not the directory).
        self.fields["organisation"].queryset = OfficeOrganisation.objects.order_by("search_text", "pk")
        this_year = timezone.localdate().year
        for name in ("birth_year", "in_work_since"):
            self.fields[name].min_value = 1900
            self.fields[name].max_value = this_year
            self.fields[name].bounds.update(minimum=1900, maximum=this_year)


class OfficeDeleteForm(forms.Form):
    reason = forms.CharField(label=_("Reason for deleting"), widget=forms.Textarea(attrs={"rows": 2}))


class StaffImportForm(forms.Form):
    file = ImportFileField()
