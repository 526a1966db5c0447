from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusters.models import Term
from directory.fields import label_of, person_field, unit_field
from directory.forms import DATE_WIDGET
from directory.models import Person, Unit
from movements.models import MovementReview
from portal.dates import validate_plausible_date
from portal.forms import IntegerNumberField, ModelForm
from portal.imports import ImportFileField
from portal.uploads import DocumentFileField
from portal.widgets import SEARCH_SUFFIX, AutocompleteChoiceField, AutocompleteSelect

from .domain.bounds import linkable_reviews, linkable_terms
from .enums import AwardLevel, DocumentKind
from .models import Award, AwardRecord, CouncilMember, CouncilSession, Initiative, Proposal

YEAR_CHOICES_BACK = 30


REVIEW_TYPED_MESSAGES = {
    "none": _("No review of a movement named “{typed}” may be linked: pick one from the suggestions."),
    "many": _("The movement “{typed}” has several reviews: pick one from the suggestions."),
}
TERM_TYPED_MESSAGES = {
    "none": _("No term of a cluster named “{typed}” may be linked: pick one from the suggestions."),
    "many": _("The cluster “{typed}” has several terms: pick the year from the suggestions."),
}


def _link_field(name, queryset, *, url, typed_lookup, typed_messages, placeholder):
    """A proposal's optional link to one of thousands of rows (a movement review, a cluster term):
    an autocomplete suggesting only what the user's unit may link (`url`)."""
    return AutocompleteChoiceField(
        queryset,
        url=url,
        typed_lookup=typed_lookup,
        typed_messages=typed_messages,
        placeholder=placeholder,
        required=False,
        label=label_of(Proposal, name),
        help_text=Proposal._meta.get_field(name).help_text,
    )


class ProposalForm(ModelForm):
    movement_review = _link_field(
        "movement_review",
        MovementReview.objects.select_related("movement"),
        url="awards:review_suggestions",
        typed_lookup=("movement__name",),
        typed_messages=REVIEW_TYPED_MESSAGES,
        placeholder=_("Type the movement's name"),
    )
    cluster_term = _link_field(
        "cluster_term",
        Term.objects.select_related("cluster"),
        url="awards:term_suggestions",
        typed_lookup=("cluster__name",),
        typed_messages=TERM_TYPED_MESSAGES,
        placeholder=_("Type the cluster's name"),
    )

    class Meta:
        model = Proposal
        fields = ["unit", "title", "commendation_type", "year", "movement_review", "cluster_term"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        if user.has_perm("awards.process_proposal"):  # the office proposes for any unit: an autocomplete
            self.fields["unit"] = unit_field(Unit.objects.current(), label=label_of(Proposal, "unit"))
        else:
            self.fields["unit"].queryset = Unit.objects.filter(pk=user.unit_id)
            self.fields["unit"].initial = user.unit_id
            # A unit links only the cluster terms it is a member of and the movements it takes part in.
            term, review = self.fields["cluster_term"], self.fields["movement_review"]
            term.queryset = linkable_terms(user, user.unit_id, term.queryset)
            review.queryset = linkable_reviews(user, user.unit_id, review.queryset)
            term.error_messages["invalid_choice"] = _(
                "Your unit is not a member of this cluster term: a proposal links only a term its unit belongs to."
            )
            review.error_messages["invalid_choice"] = _(
                "Your unit does not take part in this movement: a proposal links only a review of a movement "
                "its unit takes part in."
            )

    def clean_year(self):
        year = self.cleaned_data["year"]
        this_year = timezone.localdate().year
        if not this_year - YEAR_CHOICES_BACK <= year <= this_year + 1:
            raise forms.ValidationError(
                _("Enter a year between {first} and {last}.").format(
                    first=this_year - YEAR_CHOICES_BACK, last=this_year + 1
                )
            )
        return year


class ProposalAutocomplete(AutocompleteSelect):
    """An autocomplete whose endpoint belongs to one proposal (`url` reversed with its pk)."""

    def __init__(self, *, url, proposal_pk, **kwargs):
        super().__init__(url=url, **kwargs)
        self.proposal_pk = proposal_pk

    def get_context(self, name, value, attrs):
        context = forms.Select.get_context(self, name, value, attrs)
        context["widget"]["search_name"] = name + SEARCH_SUFFIX
        context["widget"]["search_url"] = reverse(self.url, args=[self.proposal_pk])
        context["widget"]["multiple"] = False
        context["widget"]["placeholder"] = self.placeholder or _("Type a code or a name")
        return context


PERSON_TYPED_MESSAGES = {
    "none": _("Nobody you may propose is named “{typed}”: type the exact full name, or pick from the suggestions."),
    "many": _("Several people you may propose are named “{typed}”: pick one from the suggestions."),
}
UNIT_TYPED_MESSAGES = {
    "none": _(
        "No unit you may propose matches “{typed}”: type its code or its exact name, or pick it from the suggestions."
    ),
    "many": _("Several units you may propose match “{typed}”: type its code."),
}


class NomineeForm(forms.Form):
    """A nominee of `proposal`: a person or a unit within what `user` may propose (`domain.bounds`),
    picked through autocompletes that list only those (never the whole directory)."""

    award = forms.ModelChoiceField(label=_("Award"), queryset=Award.objects.filter(is_active=True))
    achievement = forms.CharField(
        label=_("Achievement summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    is_household = forms.BooleanField(label=_("Household"), required=False)
    initiative = forms.ModelChoiceField(label=_("Initiative"), queryset=Initiative.objects.none(), required=False)

    field_order = ["award", "person", "unit", "achievement", "is_household", "initiative"]

    def __init__(self, *args, proposal, user, **kwargs):
        super().__init__(*args, **kwargs)
        from directory.domain.lineage import lineage_ids

        from .domain.bounds import boundary

        bounds = boundary(user, proposal.unit)
        self.fields["person"] = AutocompleteChoiceField(
            bounds.people(Person.objects.all()).order_by("search_text", "pk"),
            url="awards:nominee_people",
            typed_lookup=("full_name",),
            widget=ProposalAutocomplete(url="awards:nominee_people", proposal_pk=proposal.pk),
            label=_("Person"),
            required=False,
        )
        self.fields["person"].typed_messages = PERSON_TYPED_MESSAGES
        self.fields["unit"] = AutocompleteChoiceField(
            bounds.units(Unit.objects.all()).order_by("search_text", "pk"),
            url="awards:nominee_units",
            widget=ProposalAutocomplete(url="awards:nominee_units", proposal_pk=proposal.pk),
            label=_("Unit (for collective awards)"),
            required=False,
        )
        self.fields["unit"].typed_messages = UNIT_TYPED_MESSAGES
        if bounds.is_bounded:
            refused = _("Choose one of your unit's people or units: a unit proposes only its own.")
            self.fields["person"].error_messages["invalid_choice"] = refused
            self.fields["unit"].error_messages["invalid_choice"] = refused
        self._typed_fields(proposal)
        self.order_fields(self.field_order)
        units = lineage_ids(proposal.unit)
        self.fields["initiative"].queryset = Initiative.objects.filter(
            person__unit_id__in=units, record__isnull=True
        ).order_by("-recognised_on")

    def _typed_fields(self, proposal):
        """The fields the proposal's commendation type reads (awards.domain.types): the year service
        began for contribution and length-of-service awards; a required summary where the type needs one."""
        from .domain.types import NEEDS_ACHIEVEMENT, NEEDS_SERVICE_YEAR

        self.proposal_year = proposal.year
        kind = proposal.commendation_type
        if kind in NEEDS_SERVICE_YEAR:
            self.fields["service_since_year"] = IntegerNumberField(
                label=_("In service since (year)"),
                min_value=1945,
                max_value=2100,
                help_text=_("The year the nominee's service began: the award requires years of service."),
            )
            self.field_order = [*self.field_order[:4], "service_since_year", *self.field_order[4:]]
        if kind in NEEDS_ACHIEVEMENT:
            self.fields["achievement"].required = True
            self.fields["achievement"].help_text = ACHIEVEMENT_HELP.get(kind, "")
            self.fields["achievement"].error_messages["required"] = _(
                "Write the achievement summary: this commendation type is judged on it."
            )

    def clean_service_since_year(self):
        since = self.cleaned_data.get("service_since_year")
        if since is not None and since > self.proposal_year:
            raise forms.ValidationError(_("The year service began must be between 1945 and the proposal year."))
        return since

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("person")) == bool(cleaned.get("unit")):
            raise forms.ValidationError(_("Choose either a person or a unit."))
        return cleaned


ACHIEVEMENT_HELP = {
    "special": _("Name the act and its date, for example: rescued two children from the flood on 12/06/2025."),
    "thematic": _("The nominee's achievement in the movement."),
    "lifetime": _("The nominee's contribution over the years and the positions held."),
    "resistance": _("The nominee's achievement in the resistance war."),
    "foreign": _("The foreign person's or organisation's contribution to the province."),
}


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    file = DocumentFileField(label=_("File (PDF, Word, Excel, JPEG or PNG)"))


class ImportForm(forms.Form):
    file = ImportFileField()


class HistoryImportForm(forms.Form):
    """Past years' awards: a file of up to HISTORY_IMPORT_MAX_ROWS rows, read as it streams."""

    file = ImportFileField(max_bytes=settings.HISTORY_IMPORT_MAX_BYTES)


class ReturnForm(forms.Form):
    reasons = forms.CharField(label=_("Reasons for return"), widget=forms.Textarea(attrs={"rows": 3}))


class NoticeForm(forms.Form):
    until = forms.DateField(label=_("Public notice until"), widget=DATE_WIDGET)


class OverrideForm(forms.Form):
    reason = forms.CharField(label=_("Reason for overriding the check"), widget=forms.Textarea(attrs={"rows": 2}))


class SessionForm(ModelForm):
    """A session's details and its attendance.

    The attendance lists the council's roster as checkboxes (a provincial council has some 10-20
    members, so checkboxes beat an autocomplete): every member listed is present or absent, and an
    absent member may have sent a written vote. With a roster the counts come from the attendance;
    with none (old data) the two counts are typed.
    """

    present = forms.TypedMultipleChoiceField(
        label=_("Members present"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    written = forms.TypedMultipleChoiceField(
        label=_("Absent members whose written vote was received"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CouncilSession
        fields = ["held_on", "starts_at", "place", "chair", "secretary", "member_count", "present_count", "notes"]
        widgets = {
            "held_on": DATE_WIDGET,
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        session = self.instance
        members = CouncilMember.objects.filter(is_active=True)
        if session.pk:
            members = CouncilMember.objects.filter(is_active=True) | CouncilMember.objects.filter(
                attendance__session=session
            )
        self.members = list(members.distinct().order_by("search_text", "pk"))
        if session.pk and not session.attendance.exists():
            self.members = []  # a session recorded with counts only (old data) keeps its counts
        choices = [(member.pk, f"{member.full_name} ({member.get_position_display()})") for member in self.members]
        for name in ("present", "written", "chair", "secretary"):
            self.fields[name].choices = choices if name in ("present", "written") else [("", "—"), *choices]
        for name in ("chair", "secretary"):
            self.fields[name].queryset = CouncilMember.objects.filter(pk__in=[member.pk for member in self.members])
        if session.pk and not self.is_bound:
            rows = list(session.attendance.all())
            self.initial["present"] = [row.member_id for row in rows if row.present]
            self.initial["written"] = [row.member_id for row in rows if row.written_vote_received]
        if self.members:
            for name in ("member_count", "present_count"):
                self.fields[name].required = False
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Counted from the attendance.")
        else:
            for name in ("present", "written", "chair", "secretary"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        if self.members:
            present, written = set(cleaned.get("present") or ()), set(cleaned.get("written") or ())
            if present & written:
                self.add_error("written", _("Only an absent member sends a written vote."))
            cleaned["member_count"] = len(self.members)
            cleaned["present_count"] = len(present)
            return cleaned
        members, present = cleaned.get("member_count"), cleaned.get("present_count")
        if members is not None and members == 0:
            self.add_error("member_count", _("The council has at least one member."))
        if members is not None and present is not None and present > members:
            self.add_error("present_count", _("More members present than the council has."))
        return cleaned

    def attendance(self):
        """(members, present ids, written ids) for `awards.domain.council.set_attendance`; no members: None."""
        if not self.members:
            return None
        return self.members, self.cleaned_data.get("present") or [], self.cleaned_data.get("written") or []


class VoteForm(forms.Form):
    nominee = IntegerNumberField(widget=forms.HiddenInput, min_value=1, max_value=2147483647)
    in_favour = IntegerNumberField(label=_("In favour (present)"), min_value=0, max_value=500)
    against = IntegerNumberField(label=_("Against (present)"), min_value=0, max_value=500)
    written_in_favour = IntegerNumberField(label=_("In favour (written)"), min_value=0, max_value=500, initial=0)
    written_against = IntegerNumberField(label=_("Against (written)"), min_value=0, max_value=500, initial=0)


SIGNER_ROLES = [
    ("chairman", _("Chairman (CHỦ TỊCH)")),
    ("vice_chairman", _("Vice-chairman (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH)")),
]
SIGNER_TITLES = {"chairman": "Chủ tịch", "vice_chairman": "Phó Chủ tịch"}


class SignerFieldsMixin:
    """Who signs: the chairman, or a vice-chairman on the chairman's behalf (Decree 30/2020: "KT. CHỦ TỊCH /
    PHÓ CHỦ TỊCH"), and the name; `cleaned_data["signer"]` is the text the decision stores
    ("Phó Chủ tịch Trần Song Tùng"), which the signature block reads."""

    def _signer_fields(self):
        self.fields["signer_role"] = forms.ChoiceField(
            label=_("Signs as"), choices=SIGNER_ROLES, initial="chairman", widget=forms.RadioSelect
        )
        self.fields["signer_name"] = forms.CharField(label=_("Name of the signer"), max_length=200)

    @staticmethod
    def signer_initial(signer):
        from .domain.decision_document import signature

        lines, name = signature(signer)
        return {"signer_role": "vice_chairman" if "PHÓ CHỦ TỊCH" in lines else "chairman", "signer_name": name}

    def clean(self):
        cleaned = super().clean()
        role, name = cleaned.pop("signer_role", None), cleaned.pop("signer_name", None)
        if role and name:
            cleaned["signer"] = f"{SIGNER_TITLES[role]} {name.strip()}"
        return cleaned


class DecisionForm(SignerFieldsMixin, forms.Form):
    number = forms.CharField(label=_("Decision number"), max_length=50)
    signed_on = forms.DateField(label=_("Date signed"), widget=DATE_WIDGET)
    level = forms.ChoiceField(label=_("Award level"), choices=AwardLevel.choices, initial=AwardLevel.PROVINCIAL)

    def __init__(self, *args, nominees, **kwargs):
        super().__init__(*args, **kwargs)
        self._signer_fields()
        self.nominees = nominees
        for nominee in nominees:
            self.fields[f"approve_{nominee.pk}"] = forms.BooleanField(
                label=str(nominee), required=False, initial=nominee.may_be_approved and _vote_ok(nominee)
            )
            self.fields[f"reason_{nominee.pk}"] = forms.CharField(label=_("Reason"), required=False, max_length=1000)

    def outcomes(self):
        return {
            nominee.pk: (self.cleaned_data.get(f"approve_{nominee.pk}"), self.cleaned_data.get(f"reason_{nominee.pk}"))
            for nominee in self.nominees
        }

    def nominee_rows(self):
        return [(nominee, self[f"approve_{nominee.pk}"], self[f"reason_{nominee.pk}"]) for nominee in self.nominees]


def _vote_ok(nominee):
    if nominee.award.vote_rule == "none":
        return True
    vote = getattr(nominee, "vote", None)
    return vote is not None and vote.is_passed


# --- Corrections (issue 11, "awards" part): each form has the reason the history shows. ---


def reason_field(required):
    return forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=required,
        max_length=1000,
        help_text=_("Shown in the change history.") if required else _("Optional while the dossier is a draft."),
    )


class ReasonForm(forms.Form):
    def __init__(self, *args, reason_required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = reason_field(reason_required)


class ProposalCorrectionForm(ModelForm):
    class Meta:
        model = Proposal
        fields = ["title", "commendation_type", "year"]

    def __init__(self, *args, reason_required=True, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.state != "draft":
            self.fields["year"].disabled = True
        self.fields["reason"] = reason_field(reason_required)

    clean_year = ProposalForm.clean_year


class NomineeCorrectionForm(forms.Form):
    achievement = forms.CharField(
        label=_("Achievement summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    is_household = forms.BooleanField(label=_("Household"), required=False)
    initiative = forms.ModelChoiceField(label=_("Initiative"), queryset=Initiative.objects.none(), required=False)

    def __init__(self, *args, nominee, reason_required=True, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "achievement": nominee.achievement,
                "is_household": nominee.is_household,
                "initiative": nominee.initiative_id,
            },
        )
        super().__init__(*args, **kwargs)
        from django.db.models import Q

        from directory.domain.lineage import lineage_ids

        units = lineage_ids(nominee.proposal.unit)
        self.fields["initiative"].queryset = Initiative.objects.filter(
            Q(person__unit_id__in=units, record__isnull=True) | Q(pk=nominee.initiative_id or 0)
        ).order_by("-recognised_on")
        from .domain.types import NEEDS_SERVICE_YEAR

        if nominee.proposal.commendation_type in NEEDS_SERVICE_YEAR:
            self.fields["service_since_year"] = IntegerNumberField(
                label=_("In service since (year)"),
                min_value=1945,
                max_value=nominee.year,
                required=False,
                initial=nominee.service_since_year,
                help_text=_("The year the nominee's service began: the award requires years of service."),
            )
        self.fields["reason"] = reason_field(reason_required)


class DocumentReplaceForm(forms.Form):
    file = DocumentFileField(label=_("New file (PDF, Word, Excel, JPEG or PNG)"))

    def __init__(self, *args, reason_required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = reason_field(reason_required)


class VoteCorrectionForm(forms.Form):
    in_favour = IntegerNumberField(label=_("In favour (present)"), min_value=0, max_value=500)
    against = IntegerNumberField(label=_("Against (present)"), min_value=0, max_value=500)
    written_in_favour = IntegerNumberField(label=_("In favour (written)"), min_value=0, max_value=500)
    written_against = IntegerNumberField(label=_("Against (written)"), min_value=0, max_value=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = reason_field(True)


class SessionCorrectionForm(SessionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = reason_field(True)


class DecisionCorrectionForm(SignerFieldsMixin, forms.Form):
    number = forms.CharField(label=_("Decision number"), max_length=50)
    signed_on = forms.DateField(label=_("Date signed"), widget=DATE_WIDGET, validators=[validate_plausible_date])
    level = forms.ChoiceField(label=_("Award level"), choices=AwardLevel.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._signer_fields()
        self.fields["reason"] = reason_field(True)


# --- Council records (issue 12, council part) ---


class CouncilMemberForm(ModelForm):
    class Meta:
        model = CouncilMember
        fields = ["full_name", "position", "title", "user", "is_active"]

    def __init__(self, *args, reason_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        from directory.models import User

        # Only the council's own users (a handful), never the whole directory.
        self.fields["user"].queryset = User.objects.filter(is_council_member=True).order_by("username")
        if reason_required:
            self.fields["reason"] = reason_field(True)


class AnnulVoteForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for annulling the vote"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_("Shown on the session page, in the minutes and in the change history."),
    )


class QuotaForm(forms.Form):
    award = forms.ModelChoiceField(label=_("Award"), queryset=Award.objects.exclude(vote_rule="none"))
    places = IntegerNumberField(label=_("Places (0 removes the limit)"), min_value=0, max_value=500)


class AwardRecordCorrectionForm(ModelForm):
    """An officer's correction of what the statistical forms read on a record (issue 14), with a reason."""

    unit = unit_field(label=label_of(AwardRecord, "unit"), required=False, past_too=True)
    person = person_field(label=label_of(AwardRecord, "person"), required=False)
    reason = reason_field(required=True)

    class Meta:
        model = AwardRecord
        fields = ["position_tier", "commendation_type", "is_collective", "is_household", "unit", "person"]

    def clean(self):
        cleaned = super().clean()
        collective, household = cleaned.get("is_collective"), cleaned.get("is_household")
        if collective and household:
            raise forms.ValidationError(_("A record is for a collective or a household, not both."))
        if (collective or household) and cleaned.get("position_tier"):
            self.add_error("position_tier", _("Only an individual's award has a position tier."))
        if collective and cleaned.get("person") is not None:
            self.add_error("person", _("A collective's award names no person."))
        return cleaned
