"""Forms of the vote page: counting a round, the lead's and deputy's confirmation, reopening, exclusions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import IntegerNumberField

from ..enums import DeciderSide

REASON_LENGTH = 2000


class CloseRoundForm(forms.Form):
    """`confirm_count`: the N of "close with N of M" the lead saw; `reason`: why count before the quorum."""

    confirm_count = IntegerNumberField(required=False, min_value=0, max_value=10000)
    reason = forms.CharField(required=False, max_length=REASON_LENGTH)


class ConfirmChoiceForm(forms.Form):
    """The unit a lead or deputy confirms (from the candidates), and for officers the side confirmed."""

    side = forms.ChoiceField(choices=DeciderSide.choices, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = forms.ModelChoiceField(queryset=units)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=REASON_LENGTH)


class ExclusionForm(forms.Form):
    """An officer excludes a member (with a reason) or includes it again."""

    action = forms.ChoiceField(choices=[("exclude", "exclude"), ("include", "include")])
    reason = forms.CharField(required=False, max_length=REASON_LENGTH)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = forms.ModelChoiceField(queryset=units)
