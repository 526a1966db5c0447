"""Decisions: approved nominees become award records with their bonus. The decision as a
document (.docx, PDF, the annex rows) is built in decision_document."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from portal.numbers import NumberError, bounds_of, parse_number

from ..enums import AwardCategory, EligibilityRule, Outcome, ParameterKind, ProposalState, RecordSource, VoteRule
from ..models import AwardRecord, Decision, Initiative, Nominee, Proposal
from . import AwardsError, notices
from .bonuses import bonus_note, title_amount  # noqa: F401 (bonus_note moved there)
from .decision_document import annex_headers, annex_rows, decision_docx  # noqa: F401 (moved there)
from .parameters import bonus_for, parameter_value, whole_parameter
from .workflow import PROPOSALS


def decide(*, proposal, number, signed_on, signer, level, outcomes, by):
    """Record the signed decision on a proposal under public notice.

    `outcomes` maps nominee pk -> (approved, reason). Each approved nominee becomes an award
    record with its bonus (coefficient x base salary in force on `signed_on`, rounded up to
    10,000 VND; of several titles for one recipient and year only the highest pays).
    Side effects: writes the Decision, the AwardRecords, each nominee's outcome and the proposal's
    state (decided), in one transaction; raises AwardsError and writes nothing otherwise.
    """
    number = (number or "").strip()
    if not number:
        raise AwardsError(_("The decision needs a number."))
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        PROPOSALS.check(proposal.state, ProposalState.DECIDED)
        if proposal.notice_until and signed_on < proposal.notice_until:
            raise AwardsError(_("The decision cannot be signed before the public notice ends."))
        if Decision.objects.filter(number=number).exists():
            raise AwardsError(_("Another decision already has the number {number}.").format(number=number))
        nominees = list(
            Nominee.objects.select_for_update(of=("self",))
            .filter(proposal=proposal)
            .select_related("award", "person", "unit", "vote")
        )
        base_salary = _amount(parameter_value(kind=ParameterKind.BASE_SALARY, on=signed_on), Decision, "base_salary")
        try:
            decision = Decision.objects.create(
                proposal=proposal,
                number=number,
                signed_on=signed_on,
                signer=signer,
                level=level,
                base_salary=base_salary,
                created_by=by,
            )
        except IntegrityError:
            raise AwardsError(_("This proposal has already been decided.")) from None
        approved = []
        for nominee in nominees:
            is_approved, reason = outcomes.get(nominee.pk, (False, ""))
            if nominee.outcome != Outcome.PENDING:
                raise AwardsError(_("{name} has already been decided.").format(name=nominee.recipient_name))
            if is_approved:
                if not nominee.may_be_approved:
                    raise AwardsError(
                        _("{name} did not pass the eligibility check and has no override.").format(
                            name=nominee.recipient_name
                        )
                    )
                vote = getattr(nominee, "vote", None)
                if nominee.award.vote_rule != VoteRule.NONE and (vote is None or not vote.is_passed):
                    raise AwardsError(
                        _("{name} did not reach the council's threshold.").format(name=nominee.recipient_name)
                    )
                approved.append(nominee)
            elif not (reason or "").strip():
                raise AwardsError(_("Give the reason why {name} is not approved.").format(name=nominee.recipient_name))
            nominee.outcome = Outcome.APPROVED if is_approved else Outcome.REJECTED
            nominee.outcome_reason = (reason or "").strip()
            nominee.save(update_fields=["outcome", "outcome_reason", "search_text"])
        total = Decimal(0)
        for nominee, amount in _amounts(approved, signed_on=signed_on, commendation_type=proposal.commendation_type):
            amount = _amount(amount, AwardRecord, "amount")
            record = AwardRecord.objects.create(
                recipient_name=nominee.recipient_name,
                person=nominee.person,
                unit=nominee.unit if nominee.unit_id else nominee.person.unit,
                is_collective=nominee.unit_id is not None,
                is_household=nominee.is_household,
                position_tier=conferred_tier(nominee),
                award=nominee.award,
                year=nominee.year,
                commendation_type=proposal.commendation_type,
                decision=decision,
                nominee=nominee,
                decision_number=number,
                decided_on=signed_on,
                amount=amount,
                initiative=nominee.initiative,
                source=RecordSource.DECISION,
            )
            consume_initiatives(record=record, nominee=nominee)
            total += amount
        decision.total_amount = _amount(total, Decision, "total_amount")
        decision.save(update_fields=["total_amount"])
        proposal.state = ProposalState.DECIDED
        proposal.save(update_fields=["state", "updated_at"])
        notices.dossier_decided(proposal=proposal, decision=decision)  # the proposing unit
    return decision


def _amount(value, model, column):
    """`value` as `model.column` stores it; AwardsError (and nothing written) when it cannot hold it."""
    try:
        return parse_number(value, **bounds_of(model._meta.get_field(column)))
    except NumberError as error:
        raise AwardsError(
            _("The bonus cannot be recorded: {problem} Check the award parameters.").format(problem=error.message)
        ) from None


def _recipient_key(nominee):
    return ("person", nominee.person_id) if nominee.person_id else ("unit", nominee.unit_id)


def conferred_tier(nominee):
    """The individual's position tier as the directory holds it when the decision is signed (the
    statistical forms count the tier at conferral); blank for a collective or a household."""
    if nominee.unit_id or nominee.is_household or not nominee.person_id:
        return ""
    return nominee.person.position_tier


def _amounts(approved, *, signed_on, commendation_type):
    """(nominee, amount): of the titles for one recipient and period only the highest pays; forms always pay.

    Whatever the order of the decisions (`bonuses`): a later higher title pays only the difference
    with what the earlier titles of the period already paid, and a later lower (or equal) title pays
    nothing. So Lao động tiên tiến then Chiến sĩ thi đua cơ sở pays in total what Chiến sĩ thi đua cơ
    sở alone pays.
    """
    full = {
        nominee.pk: bonus_for(award=nominee.award, on=signed_on, is_household=nominee.is_household)
        for nominee in approved
    }
    best_title = {}
    for nominee in approved:
        if nominee.award.category != AwardCategory.TITLE:
            continue
        key = (_recipient_key(nominee), nominee.year)
        current = best_title.get(key)
        if current is None or full[nominee.pk] > full[current.pk]:
            best_title[key] = nominee
    for nominee in approved:
        amount = full[nominee.pk]
        if nominee.award.category == AwardCategory.TITLE:
            key = (_recipient_key(nominee), nominee.year)
            if best_title[key].pk != nominee.pk:
                amount = Decimal(0)
            else:
                amount = title_amount(
                    full=amount,
                    award=nominee.award,
                    person_id=nominee.person_id,
                    unit_id=nominee.unit_id,
                    is_collective=nominee.person_id is None,
                    year=nominee.year,
                )
        yield nominee, amount


def consume_initiatives(*, record, nominee):
    """Mark the initiatives an award rested on as used, so that no other route counts them again.

    The award's own initiative is already tied to the record (AwardRecord.initiative); the
    chairman's Bằng khen on the excellent-completion route consumes the initiatives it counted.
    """
    from .eligibility import chairman_route_needs_initiatives, free_initiatives

    if nominee.award.rule != EligibilityRule.CHAIRMAN_CERTIFICATE_INDIVIDUAL or nominee.person_id is None:
        return
    if not chairman_route_needs_initiatives(nominee):
        return
    needed = whole_parameter(kind=ParameterKind.CHAIRMAN_CERTIFICATE_INITIATIVES, on=record.decided_on)
    chosen = list(free_initiatives(nominee).values_list("pk", flat=True)[:needed])
    for initiative in Initiative.objects.filter(pk__in=chosen):
        initiative.used_by = record
        initiative.save(update_fields=["used_by"])
