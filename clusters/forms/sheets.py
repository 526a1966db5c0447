"""Forms of the score sheets: the member's values and the lead's review, one row of fields per criterion.

The pages keep their field names (`value-<criterion id>`, `comment-<id>`, `evidence-<id>`,
`points-<id>`, `reason-<id>`, `version`, `action`), which clusters/static/clusters/scoring.js reads.
Numbers are read by `portal.forms.NumberField` with the bounds of the Score column they go to.

For stale saves (clusters.domain.scoring, "Stale saves") each page also sends what it loaded
(`loaded-<field>-<id>`, hidden), and a conflict page the fields it asks about (`conflict`, one
value per field, e.g. "value-12"), the user's choice for each (`choice-value-12`: "mine" or
"theirs") and, from the "keep all mine" / "take all theirs" buttons, `take_all`.
"""

import re

from django import forms

from portal.forms import NumberField
from portal.numbers import NumberError, bounds_of, parse_integer, parse_number

from ..domain.scoring import MINE, THEIRS, Entry
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

    # Stale saves -------------------------------------------------------------------------------
    FIELDS = ()  # the per-criterion fields a conflict is about
    LOADED = ()  # the fields whose loaded value the page sends back
    CONFLICT_NAME = re.compile(r"([a-z]+)-([0-9]{1,12})")

    def field_values(self):
        """{(criterion id, field): cleaned value} of the fields sent, for `scoring.conflicts`/`choose`."""
        return {
            (criterion.pk, field): self.cleaned_data[f"{field}-{criterion.pk}"]
            for criterion in self.criteria
            for field in self.FIELDS
            if self.posted(criterion, field)
        }

    def loaded(self):
        """{(criterion id, field): value} the page loaded; unreadable or absent ones are left out (unknown)."""
        loaded = {}
        for criterion in self.criteria:
            for field in self.LOADED:
                text = self.data.get(f"loaded-{field}-{criterion.pk}")
                if text is None:
                    continue
                if field in ("value", "points"):
                    try:
                        loaded[criterion.pk, field] = parse_number(text, **bounds_of(Score._meta.get_field(field)))
                    except NumberError:
                        continue
                else:
                    loaded[criterion.pk, field] = _truncated(text)
        return loaded

    def pending(self):
        """The (criterion id, field) keys the conflict page asked the user to choose for."""
        ids = {criterion.pk for criterion in self.criteria}
        keys = []
        for name in self.data.getlist("conflict") if hasattr(self.data, "getlist") else []:
            match = self.CONFLICT_NAME.fullmatch(name)
            if match and match[1] in self.FIELDS and int(match[2]) in ids:
                keys.append((int(match[2]), match[1]))
        return keys

    def choices(self):
        """{key: MINE or THEIRS} for the pending fields: "take all" when pressed, else each field's choice."""
        take_all = self.data.get("take_all")
        choices = {}
        for key in self.pending():
            choice = take_all if take_all in (MINE, THEIRS) else self.data.get(f"choice-{key[1]}-{key[0]}")
            if choice in (MINE, THEIRS):
                choices[key] = choice
        return choices


class ScoreSheetForm(_SheetForm):
    """The member's self-assessment: a value, a comment and an evidence file per criterion.

    Only the criteria whose value was sent become entries; the others keep what is stored.
    """

    FIELDS = ("value", "comment")
    LOADED = ("value", "comment", "evidence")

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

    def entries(self, values=None):
        """{criterion id: scoring.Entry} of the valid form, for `scoring.save_sheet`.

        `values` ({(criterion id, field): value}, default `field_values()`) is what to save, e.g. after
        `scoring.choose` applied the user's choices on a conflict page.
        """
        values = self.field_values() if values is None else values
        return {
            criterion.pk: Entry(
                value=values[criterion.pk, "value"],
                comment=_truncated(values.get((criterion.pk, "comment"), "")),
                evidence=self.cleaned_data[f"evidence-{criterion.pk}"] or None,
            )
            for criterion in self.criteria
            if (criterion.pk, "value") in values
        }

    def files_sent(self):
        """{criterion id: file name} of the evidence files this request carried (kept only if it saves)."""
        return {
            criterion.pk: self.files[f"evidence-{criterion.pk}"].name
            for criterion in self.criteria
            if f"evidence-{criterion.pk}" in self.files
        }


class SheetReviewForm(_SheetForm):
    """The lead's review: adjusted points and the reason per criterion, and the return reason."""

    ACTIONS = ("save", "accept", "return")
    FIELDS = LOADED = ("points",)
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

    def adjustments(self, values=None):
        """{criterion id: (points, reason)} of the valid form, for `scoring.review_sheet`.

        `values` ({(criterion id, "points"): points}, default `field_values()`) as for `entries`.
        """
        values = self.field_values() if values is None else values
        return {
            criterion.pk: (values[criterion.pk, "points"], _truncated(self.cleaned_data[f"reason-{criterion.pk}"]))
            for criterion in self.criteria
            if (criterion.pk, "points") in values
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
