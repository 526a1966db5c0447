"""The proposal workflow as explicit transitions. Each checks the table `PROPOSALS`, writes the
change (audited with who and when by django-auditlog) and raises AwardsError otherwise."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.workflow import Transitions

from ..enums import DocumentKind, EligibilityStatus, Outcome, ProposalState, RecipientKind, VoteRule
from ..models import Nominee, Proposal
from . import AwardsError, notices
from .bounds import boundary, linkable_reviews, linkable_terms
from .eligibility import refresh_eligibility

PROPOSALS = Transitions(
    {
        ProposalState.DRAFT: {ProposalState.SUBMITTED},
        ProposalState.SUBMITTED: {ProposalState.RETURNED, ProposalState.UNDER_VERIFICATION},
        ProposalState.RETURNED: {ProposalState.SUBMITTED},
        ProposalState.UNDER_VERIFICATION: {ProposalState.RETURNED, ProposalState.AT_COUNCIL},
        ProposalState.AT_COUNCIL: {ProposalState.PUBLIC_NOTICE},
        ProposalState.PUBLIC_NOTICE: {ProposalState.DECIDED},
        ProposalState.DECIDED: {ProposalState.FORWARDED},
        ProposalState.FORWARDED: set(),
    },
    refusals={
        ProposalState.DRAFT: gettext_lazy("A proposal cannot go back to draft."),
        ProposalState.SUBMITTED: gettext_lazy("Only a draft or returned dossier can be submitted."),
        ProposalState.RETURNED: gettext_lazy(
            "Only a submitted dossier or one under verification can be returned for completion."
        ),
        ProposalState.UNDER_VERIFICATION: gettext_lazy("Only a submitted dossier can be taken into verification."),
        ProposalState.AT_COUNCIL: gettext_lazy("Only a dossier under verification can be sent to the council."),
        ProposalState.PUBLIC_NOTICE: gettext_lazy(
            "Only a proposal before the council can be published for public comment."
        ),
        ProposalState.DECIDED: gettext_lazy("Only a proposal under public notice can be decided."),
        ProposalState.FORWARDED: gettext_lazy("Only a decided proposal can be forwarded upward."),
        (ProposalState.SUBMITTED, ProposalState.SUBMITTED): gettext_lazy("This dossier has already been submitted."),
        (ProposalState.DECIDED, ProposalState.DECIDED): gettext_lazy("This proposal has already been decided."),
        (ProposalState.FORWARDED, ProposalState.FORWARDED): gettext_lazy(
            "This proposal has already been forwarded upward."
        ),
    },
    error=AwardsError,
)
NOT_EDITABLE = gettext_lazy("Only a draft or returned dossier can be changed.")
NOT_RECHECKABLE = gettext_lazy("Eligibility can be rechecked only until the dossier goes to the council.")


def _locked(proposal):
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def require_editable(proposal):
    """Raise AwardsError unless the proposing unit may still change the dossier. Reads only."""
    if proposal.state not in ProposalState.editable():
        raise AwardsError(NOT_EDITABLE)


def _move(proposal, state, **fields):
    PROPOSALS.check(proposal.state, state)
    proposal.state = state
    for name, value in fields.items():
        setattr(proposal, name, value)
    proposal.save(update_fields=["state", *fields, "updated_at"])
    return proposal


def create_proposal(*, unit, title, year, commendation_type, by, movement_review=None, cluster_term=None):
    """Start a draft proposal for `unit`. Side effects: writes one Proposal (audited).

    Raises AwardsError when a unit officer links a cluster term or a movement review its unit does
    not take part in (`bounds.linkable_terms` / `linkable_reviews`).
    """
    if (
        cluster_term is not None
        and not linkable_terms(by, unit.pk, type(cluster_term).objects.filter(pk=cluster_term.pk)).exists()
    ):
        raise AwardsError(_("{unit} is not a member of this cluster term.").format(unit=unit))
    if (
        movement_review is not None
        and not linkable_reviews(by, unit.pk, type(movement_review).objects.filter(pk=movement_review.pk)).exists()
    ):
        raise AwardsError(_("{unit} does not take part in this movement.").format(unit=unit))
    return Proposal.objects.create(
        unit=unit,
        title=title,
        year=year,
        commendation_type=commendation_type,
        movement_review=movement_review,
        cluster_term=cluster_term,
        created_by=by,
    )


def add_nominee(
    *,
    proposal,
    award,
    by,
    person=None,
    unit=None,
    achievement="",
    initiative=None,
    is_household=False,
    service_since_year=None,
):
    """Add a person or unit to a draft proposal and check their eligibility at once.

    Side effects: writes one Nominee with its eligibility (audited); raises AwardsError when the
    proposal is not editable, the nominee is already proposed for this award and year, or the year
    its service began (contribution and length-of-service awards) is implausible.
    """
    with transaction.atomic():
        proposal = _locked(proposal)
        require_editable(proposal)
        check_service_since(service_since_year, proposal.year)
        if (person is None) == (unit is None):
            raise AwardsError(_("Choose either a person or a unit."))
        wants_unit = award.recipient_kind == RecipientKind.COLLECTIVE
        if wants_unit != (unit is not None):
            raise AwardsError(
                _("{award} is for collectives: choose a unit.").format(award=award)
                if wants_unit
                else _("{award} is for individuals or households: choose a person.").format(award=award)
            )
        bounds = boundary(by, proposal.unit)
        if (person is not None and not bounds.has_person(person)) or (unit is not None and not bounds.has_unit(unit)):
            raise AwardsError(outside_boundary_message(proposal.unit))
        duplicate = Nominee.objects.filter(award=award, year=proposal.year).exclude(outcome=Outcome.REJECTED)
        duplicate = duplicate.filter(person=person) if person else duplicate.filter(unit=unit)
        other = duplicate.select_related("proposal__unit").first()
        if other is not None:
            raise AwardsError(
                duplicate_message(name=person or unit, award=award, year=proposal.year, other=other.proposal, by=by)
            )
        try:
            with transaction.atomic():
                nominee = Nominee.objects.create(
                    proposal=proposal,
                    award=award,
                    person=person,
                    unit=unit,
                    year=proposal.year,
                    achievement=achievement,
                    initiative=initiative,
                    is_household=is_household or award.recipient_kind == RecipientKind.HOUSEHOLD,
                    service_since_year=service_since_year,
                )
        except IntegrityError:
            raise AwardsError(_("This nominee is already proposed for this award and year.")) from None
        refresh_eligibility(nominees=[nominee])
    return nominee


def check_service_since(year, proposal_year):
    """The year a nominee's service began: from 1945 to the proposal year (None: not asked)."""
    if year is not None and not 1945 <= year <= proposal_year:
        raise AwardsError(_("The year service began must be between 1945 and the proposal year."))


def outside_boundary_message(unit):
    """The refusal of a person or unit outside the proposing unit's boundary: it never says whether
    the name exists elsewhere."""
    return _("Only the people and sub-units of {unit} can be proposed in its dossier.").format(unit=unit)


def duplicate_message(*, name, award, year, other, by, link=True):
    """The refusal of a second nomination: it names the other dossier (with a link, unless `link`
    is False: plain text for an import's row errors) only to a user who may open that dossier
    (officers, and the unit that made it); anyone else reads only that another dossier has it."""
    if by is None or not by.has_perm("awards.view_proposal", other):
        return _("{name} is already proposed for {award} in {year} by another dossier.").format(
            name=name, award=award, year=year
        )
    sentence = _("{name} is already proposed for {award} in {year} by the dossier “{title}” (no. {number}) of {unit}.")
    values = {"name": name, "award": award, "year": year, "title": other.title, "number": other.pk, "unit": other.unit}
    if not link:
        return sentence.format(**values)
    from django.urls import reverse
    from django.utils.html import format_html

    values["title"] = format_html(
        '<a href="{}">{}</a>', reverse("awards:proposal_detail", args=[other.pk]), other.title
    )
    return format_html(sentence, **values)


def remove_nominee(*, nominee, by, reason=""):
    """Remove a nominee from an editable dossier; a returned dossier needs a reason.

    Side effects: deletes the Nominee (audited with the reason, still listed in the proposal's history).
    """
    from portal.audit import because

    with transaction.atomic():
        proposal = _locked(nominee.proposal)
        require_editable(proposal)
        reason = (reason or "").strip()
        if proposal.state != ProposalState.DRAFT and not reason:
            raise AwardsError(_("Write the reason for this correction."))
        with because(reason):
            nominee.delete()


def missing_documents(proposal):
    """Document kinds the awards of this proposal and its commendation type require and the dossier lacks
    (`types.required_documents`)."""
    from .types import required_documents

    required = set()
    for nominee in proposal.nominees.select_related("award"):
        required.update(required_documents(award=nominee.award, commendation_type=proposal.commendation_type))
    present = set(proposal.documents.values_list("kind", flat=True))
    order = [kind for kind, _label in DocumentKind.choices]
    return [DocumentKind(kind) for kind in order if kind in required - present]


# issue 15, originals: a document an award lists in `signed_documents` must carry a valid signature.
UNSIGNED_REFUSALS = {
    "": gettext_lazy("{document} must carry a valid digital signature, but it is not a PDF, so it cannot carry one."),
    "unsigned": gettext_lazy("{document} must carry a valid digital signature, but it is not signed."),
    "unknown_signer": gettext_lazy(
        "{document} must carry a valid digital signature, but its signer is unknown "
        "(the certificate is not issued by a trusted certification authority)."
    ),
    "modified": gettext_lazy("{document} must carry a valid digital signature, but it was modified after signing."),
    "invalid": gettext_lazy("{document} must carry a valid digital signature, but its signature is invalid."),
}


def unsigned_documents(proposal, *, nominees=None, documents=None):
    """The dossier's uploads of a kind its awards require signed (`Award.signed_documents`) whose
    signature is not valid, each with the sentence that says why: a list of (document, message).

    `nominees` (with their award) and `documents` may be passed when the page has loaded them already."""
    if nominees is None:
        nominees = proposal.nominees.select_related("award")
    signed = set()
    for nominee in nominees:
        signed.update(nominee.award.signed_documents or [])
    if not signed:
        return []
    if documents is None:
        documents = proposal.documents.filter(kind__in=signed).order_by("kind", "pk")
    refused = []
    for document in (document for document in documents if document.kind in signed):
        if document.signature_state != "valid":
            sentence = UNSIGNED_REFUSALS.get(document.signature_state, UNSIGNED_REFUSALS["invalid"])
            refused.append((document, sentence.format(document=str(document))))
    return refused


def submit(*, proposal, by, today=None):
    """The unit submits its dossier to the office.

    Side effects: sets the state to submitted and the submission date; clears old return reasons.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        proposal = _locked(proposal)
        PROPOSALS.check(proposal.state, ProposalState.SUBMITTED)
        if not proposal.nominees.exists():
            raise AwardsError(_("Add at least one nominee before submitting."))
        missing = missing_documents(proposal)
        if missing:
            raise AwardsError(
                _("The dossier lacks: {documents}.").format(documents=", ".join(str(kind.label) for kind in missing))
            )
        unsigned = unsigned_documents(proposal)
        if unsigned:
            raise AwardsError(" ".join(message for _document, message in unsigned))
        _move(proposal, ProposalState.SUBMITTED, submitted_on=today)
        notices.dossier_submitted(proposal=proposal)  # the provincial officers
        return proposal


def return_for_completion(*, proposal, reasons, by):
    """The office returns an incomplete dossier with its reasons. Side effects: state returned."""
    reasons = (reasons or "").strip()
    if not reasons:
        raise AwardsError(_("Write the reasons for returning the dossier."))
    with transaction.atomic():
        proposal = _locked(proposal)
        PROPOSALS.check(proposal.state, ProposalState.RETURNED)
        _move(proposal, ProposalState.RETURNED, returned_reasons=reasons)
        notices.dossier_returned(proposal=proposal)  # the proposing unit, with the reasons
        return proposal


def start_verification(*, proposal, by):
    """The office starts verifying. Side effects: state under verification; eligibility rechecked."""
    with transaction.atomic():
        proposal = _locked(proposal)
        PROPOSALS.check(proposal.state, ProposalState.UNDER_VERIFICATION)
        _move(proposal, ProposalState.UNDER_VERIFICATION)
        refresh_eligibility(nominees=proposal.nominees.select_related("award", "person", "unit", "initiative"))
    return proposal


def recheck(*, proposal, by):
    """Recompute every nominee's eligibility. Side effects: writes changed checks (audited)."""
    with transaction.atomic():
        proposal = _locked(proposal)
        if proposal.state not in ProposalState.recheckable():
            raise AwardsError(NOT_RECHECKABLE)
        refresh_eligibility(nominees=proposal.nominees.select_related("award", "person", "unit", "initiative"))
    return proposal


def send_to_council(*, proposal, by):
    """Verification is done: the proposal goes to the council. Side effects: state at council."""
    with transaction.atomic():
        proposal = _locked(proposal)
        PROPOSALS.check(proposal.state, ProposalState.AT_COUNCIL)
        if proposal.nominees.filter(eligibility_status=EligibilityStatus.UNCHECKED).exists():
            raise AwardsError(_("Some nominees have not been checked yet."))
        _move(proposal, ProposalState.AT_COUNCIL)
        notices.dossier_verified(proposal=proposal)  # the proposing unit
        return proposal


def publish_notice(*, proposal, until, by, today=None):
    """Publish the list for public comment until `until`. Side effects: state public notice."""
    today = today or timezone.localdate()
    if until is None or until < today:
        raise AwardsError(_("The end of the public notice must be today or later."))
    with transaction.atomic():
        proposal = _locked(proposal)
        PROPOSALS.check(proposal.state, ProposalState.PUBLIC_NOTICE)
        unvoted = proposal.nominees.exclude(award__vote_rule=VoteRule.NONE).filter(vote__isnull=True).count()
        if unvoted:
            raise AwardsError(_("The council has not voted on {count} nominees yet.").format(count=unvoted))
        return _move(proposal, ProposalState.PUBLIC_NOTICE, notice_until=until)


def forward(*, proposal, by):
    """Forward the decided proposal upward (Prime Minister, through the Ministry of Home Affairs).

    Side effects: state forwarded.
    """
    with transaction.atomic():
        proposal = _locked(proposal)
        PROPOSALS.check(proposal.state, ProposalState.FORWARDED)
        return _move(proposal, ProposalState.FORWARDED)


def override_eligibility(*, nominee, reason, by):
    """An officer lets a nominee who failed the check go on, with a written reason.

    Side effects: writes override_reason and overridden_by (audited, shown on the proposal page).
    """
    reason = (reason or "").strip()
    if not reason:
        raise AwardsError(_("Write the reason for overriding the check."))
    with transaction.atomic():
        nominee = Nominee.objects.select_for_update().select_related("proposal").get(pk=nominee.pk)
        if nominee.eligibility_status == EligibilityStatus.PASSED:
            raise AwardsError(_("This nominee passed the check; there is nothing to override."))
        if nominee.outcome != Outcome.PENDING:
            raise AwardsError(_("This nominee has already been decided."))
        nominee.override_reason = reason
        nominee.overridden_by = by
        nominee.save(update_fields=["override_reason", "overridden_by", "search_text"])
    return nominee


def propose_from_term(*, term, by):
    """A draft proposal from a cluster term's outcome: its leading unit for the provincial flag and
    the units it proposed for the chairman's Bằng khen. The proposing unit is the term's lead.

    Side effects: writes one Proposal linked to the term and a Nominee per nomination (audited),
    with their eligibility; raises AwardsError when the term has no nomination or already has a proposal.
    """
    from clusters.models import NominationKind

    from ..models import Award
    from . import catalogue

    codes = {
        NominationKind.FLAG: catalogue.PROVINCIAL_FLAG,
        NominationKind.CERTIFICATE: catalogue.CHAIRMAN_CERTIFICATE_COLLECTIVE,
    }
    nominations = list(term.nominations.select_related("unit").order_by("kind", "rank", "pk"))
    if not nominations:
        raise AwardsError(_("This cluster term has no nominations yet."))
    if Proposal.objects.filter(cluster_term=term).exists():
        raise AwardsError(_("A proposal already exists for this cluster term."))
    awards = {award.code: award for award in Award.objects.filter(code__in=codes.values())}
    missing = set(codes.values()) - set(awards)
    if missing:
        raise AwardsError(_("The award catalogue lacks: {codes}.").format(codes=", ".join(sorted(missing))))
    with transaction.atomic():
        proposal = create_proposal(
            unit=term.lead_unit,
            title=_("Commendations of {cluster} for {year}").format(cluster=term.cluster, year=term.year),
            year=term.year,
            commendation_type="regular",
            cluster_term=term,
            by=by,
        )
        for nomination in nominations:
            add_nominee(proposal=proposal, award=awards[codes[nomination.kind]], unit=nomination.unit, by=by)
    return proposal
