from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import ModelForm
from portal.imports import ImportFileField

from .models import Person, Unit

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class UnitForm(ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "short_name", "kind", "parent", "code", "valid_from", "valid_until", "successor"]
        widgets = {"valid_from": DATE_WIDGET, "valid_until": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.order_by("search_text")
        if self.instance.pk:
            units = units.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = units
        self.fields["successor"].queryset = units


class PersonForm(ModelForm):
    class Meta:
        model = Person
        fields = ["full_name", "gender", "position", "unit", "email", "date_of_birth"]
        widgets = {"date_of_birth": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.current().order_by("search_text")


class ImportForm(forms.Form):
    UNITS, PEOPLE = "units", "people"
    kind = forms.ChoiceField(
        label=_("What to import"), choices=[(UNITS, _("Units")), (PEOPLE, _("People"))], widget=forms.RadioSelect
    )
    file = ImportFileField()
