"""Forms of the score sheets: the member's values and the lead's review, one row of fields per criterion.

The pages keep their field names (`value-<criterion id>`, `comment-<id>`, `evidence-<id>`,
`points-<id>`, `reason-<id>`, `version`, `action`), which clusters/static/clusters/scoring.js reads.
Numbers are read by `portal.forms.NumberField` with the bounds of the Score column they go to.
"""

from django import forms

from portal.forms import NumberField
from portal.numbers import NumberError, parse_integer

from ..domain.scoring import Entry
from ..models import Score

TEXT_MAX = 2000
VERSION_MAX = 2**31 - 1


def _truncated(value):
    return (value or "")[:TEXT_MAX]


class _SheetForm(forms.Form):
    """Per-criterion fields plus the sheet version the page was opened at."""

    version = forms.CharField(required=False)
    action = forms.CharField(required=False)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.add_criterion_fields(criterion)

    def add_criterion_fields(self, criterion):
        raise NotImplementedError

    def clean_version(self):
        """The version the form was opened at; -1 (never current) when missing or absurd."""
        try:
            version = parse_integer(self.cleaned_data["version"], minimum=1, maximum=VERSION_MAX)
        except NumberError:
            return -1
        return -1 if version is None else version

    def criterion_errors(self):
        """{criterion id: the first message} for the criteria whose fields were refused."""
        errors = {}
        for criterion in self.criteria:
            for name in self.names(criterion):
                if name in self.errors and criterion.pk not in errors:
                    errors[criterion.pk] = self.errors[name][0]
        return errors

    def posted(self, criterion, field):
        return f"{field}-{criterion.pk}" in self.data


class ScoreSheetForm(_SheetForm):
    """The member's self-assessment: a value, a comment and an evidence file per criterion.

    Only the criteria whose value was sent become entries; the others keep what is stored.
    """

    def add_criterion_fields(self, criterion):
        pk = criterion.pk
        self.fields[f"value-{pk}"] = NumberField(model_field=Score._meta.get_field("value"), required=False)
        self.fields[f"comment-{pk}"] = forms.CharField(required=False, strip=False)
        self.fields[f"evidence-{pk}"] = forms.FileField(required=False)

    def names(self, criterion):
        return [f"value-{criterion.pk}", f"comment-{criterion.pk}", f"evidence-{criterion.pk}"]

    @property
    def submit(self):
        return self.cleaned_data.get("action") == "submit"

    def entries(self):
        """{criterion id: scoring.Entry} of the valid form, for `scoring.save_sheet`."""
        return {
            criterion.pk: Entry(
                value=self.cleaned_data[f"value-{criterion.pk}"],
                comment=_truncated(self.cleaned_data[f"comment-{criterion.pk}"]),
                evidence=self.cleaned_data[f"evidence-{criterion.pk}"] or None,
            )
            for criterion in self.criteria
            if self.posted(criterion, "value")
        }


class SheetReviewForm(_SheetForm):
    """The lead's review: adjusted points and the reason per criterion, and the return reason."""

    ACTIONS = ("save", "accept", "return")
    return_reason = forms.CharField(required=False, strip=False)

    def add_criterion_fields(self, criterion):
        pk = criterion.pk
        self.fields[f"points-{pk}"] = NumberField(model_field=Score._meta.get_field("points"), required=False)
        self.fields[f"reason-{pk}"] = forms.CharField(required=False, strip=False)

    def names(self, criterion):
        return [f"points-{criterion.pk}", f"reason-{criterion.pk}"]

    def clean_action(self):
        action = self.cleaned_data.get("action") or "save"
        return action if action in self.ACTIONS else "save"

    def clean_return_reason(self):
        return _truncated(self.cleaned_data.get("return_reason"))

    def adjustments(self):
        """{criterion id: (points, reason)} of the valid form, for `scoring.review_sheet`."""
        return {
            criterion.pk: (
                self.cleaned_data[f"points-{criterion.pk}"],
                _truncated(self.cleaned_data[f"reason-{criterion.pk}"]),
            )
            for criterion in self.criteria
            if self.posted(criterion, "points")
        }


class VoteUnitForm(forms.Form):
    """Units picked on the vote page, each from the term's own list (a ballot's choice, the lead and
    deputy's decision, next year's lead and deputy); anything else is refused, never parsed by hand."""

    def __init__(self, *args, units, names, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        for name in names:
            self.fields[name] = forms.ModelChoiceField(queryset=units, required=required)

    def unit_id(self, name):
        unit = self.cleaned_data.get(name)
        return unit.pk if unit is not None else None
