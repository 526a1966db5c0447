"""Corrections of what users entered in awards, without Django admin.

A unit deletes its own draft; the proposing unit corrects the proposal's details, a nominee and the
documents while the dossier is editable; the office corrects a council vote while the proposal is
before the council, and a decision it recorded. Once a record has left draft every correction needs
a reason, written with the change (`portal.audit.because`) and shown in the history.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from portal.audit import because
from portal.uploads import UploadRejected, check_upload

from ..enums import ParameterKind, ProposalState, RecipientKind
from ..models import AwardRecord, CouncilVote, Decision, Nominee, Proposal, ProposalDocument
from . import AwardsError
from .bonuses import corrected_amounts
from .council import check_counts, share_of, vote_counts, vote_passes
from .eligibility import refresh_eligibility
from .parameters import bonus_for, parameter_value
from .workflow import check_service_since, require_editable


def _reason(reason, *, needed):
    """`reason` stripped; AwardsError when it is blank and `needed`."""
    reason = (reason or "").strip()
    if needed and not reason:
        raise AwardsError(_("Write the reason for this correction."))
    return reason


def _locked(proposal):
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def delete_draft(*, proposal, by):
    """The proposing unit deletes its own draft proposal (never one that was submitted).

    Side effects: deletes the Proposal, its nominees and documents (each deletion audited, the
    nominees' and documents' entries still listed by the proposal's pk), and the documents' files
    after commit. Raises AwardsError when the proposal is no longer a draft.
    """
    with transaction.atomic():
        proposal = _locked(proposal)
        if proposal.state != ProposalState.DRAFT:
            raise AwardsError(_("Only a draft proposal can be deleted."))
        files = [(document.file.storage, document.file.name) for document in proposal.documents.all()]
        for document in proposal.documents.all():
            document.delete()
        for nominee in proposal.nominees.all():
            nominee.delete()
        proposal.delete()
        for storage, name in files:
            if name:
                transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def correct_proposal(*, proposal, title, commendation_type, year, by, reason=""):
    """Correct a proposal's title, commendation type and year while it is editable.

    The year may change only in draft (the nominees follow). A returned dossier needs a reason.
    Side effects: writes the Proposal (and its nominees' year), audited with the reason.
    """
    with transaction.atomic():
        proposal = _locked(proposal)
        require_editable(proposal)
        reason = _reason(reason, needed=proposal.state != ProposalState.DRAFT)
        title = (title or "").strip()
        if not title:
            raise AwardsError(_("The proposal needs a title."))
        if year != proposal.year and proposal.state != ProposalState.DRAFT:
            raise AwardsError(_("The year can be changed only while the proposal is a draft."))
        year_changed = year != proposal.year
        with because(reason):
            if year_changed:
                try:
                    with transaction.atomic():
                        for nominee in proposal.nominees.all():
                            nominee.year = year
                            nominee.save(update_fields=["year"])
                except IntegrityError:
                    raise AwardsError(
                        _("A nominee of this proposal is already proposed for the same award in {year}.").format(
                            year=year
                        )
                    ) from None
                if proposal.deadline.year == proposal.year:
                    proposal.deadline = proposal.deadline.replace(year=year)
            proposal.title, proposal.commendation_type, proposal.year = title, commendation_type, year
            proposal.save()
            if year_changed:
                refresh_eligibility(nominees=proposal.nominees.select_related("award", "person", "unit", "initiative"))
    return proposal


KEEP = object()


def correct_nominee(*, nominee, achievement, is_household, initiative, by, reason="", service_since_year=KEEP):
    """Correct what was entered for a nominee (achievement, household, initiative, the year service
    began) while the dossier is editable; a returned dossier needs a reason. The eligibility is
    checked again.

    Side effects: writes the Nominee and its eligibility (audited with the reason).
    """
    with transaction.atomic():
        proposal = _locked(nominee.proposal)
        require_editable(proposal)
        reason = _reason(reason, needed=proposal.state != ProposalState.DRAFT)
        nominee = Nominee.objects.select_for_update().get(pk=nominee.pk)
        with because(reason):
            nominee.achievement = (achievement or "").strip()
            nominee.is_household = bool(is_household) or nominee.award.recipient_kind == RecipientKind.HOUSEHOLD
            nominee.initiative = initiative
            if service_since_year is not KEEP:
                check_service_since(service_since_year, nominee.year)
                nominee.service_since_year = service_since_year
            nominee.save()
            refresh_eligibility(nominees=[nominee])
    return nominee


def replace_document(*, document, uploaded_file, by, reason=""):
    """Replace a dossier document's file while the dossier is editable; a returned one needs a reason.

    Side effects: stores the new file (checked by content), writes the ProposalDocument (audited with
    the reason); the old file is deleted from storage after commit.
    """
    try:
        content_type, extension = check_upload(uploaded_file)
    except UploadRejected as rejected:
        raise AwardsError(str(rejected)) from None
    with transaction.atomic():
        proposal = _locked(document.proposal)
        require_editable(proposal)
        reason = _reason(reason, needed=proposal.state != ProposalState.DRAFT)
        document = ProposalDocument.objects.select_for_update().get(pk=document.pk)
        with because(reason):
            data = uploaded_file.read()
            uploaded_file.seek(0)
            document.original_name = uploaded_file.original_name
            document.content_type, document.extension, document.size = content_type, extension, len(data)
            document.uploaded_by = by
            document.file.save(f"document.{extension}", uploaded_file, save=False)
            document.save()
    return document


def remove_document(*, document, by, reason=""):
    """Remove a dossier document while the dossier is editable; a returned one needs a reason.

    Side effects: deletes the ProposalDocument (audited with the reason, still listed in the
    proposal's history) and its file after commit.
    """
    with transaction.atomic():
        proposal = _locked(document.proposal)
        require_editable(proposal)
        reason = _reason(reason, needed=proposal.state != ProposalState.DRAFT)
        storage, name = document.file.storage, document.file.name
        with because(reason):
            document.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))


def correct_vote(*, vote, in_favour, against, written_in_favour, written_against, by, reason):
    """The office corrects a council vote's counts while the proposal is before the council.

    Side effects: writes the CouncilVote with its share and result recomputed (audited with the
    reason, shown in the session's history). Raises AwardsError as `record_vote` does.
    """
    reason = _reason(reason, needed=True)
    counts = vote_counts(
        in_favour=in_favour, against=against, written_in_favour=written_in_favour, written_against=written_against
    )
    in_favour, against, written_in_favour, written_against = counts
    with transaction.atomic():
        vote = CouncilVote.objects.select_for_update().select_related("session", "nominee__proposal").get(pk=vote.pk)
        session = vote.session
        if vote.nominee.proposal.state != ProposalState.AT_COUNCIL:
            raise AwardsError(_("A vote can be corrected only while the proposal is before the council."))
        if vote.annulled_at is not None:
            raise AwardsError(_("An annulled vote cannot be corrected; record a new vote."))
        check_counts(
            session=session,
            in_favour=in_favour,
            against=against,
            written_in_favour=written_in_favour,
            written_against=written_against,
        )
        total = in_favour + written_in_favour
        with because(reason):
            vote.in_favour, vote.against = in_favour, against
            vote.written_in_favour, vote.written_against = written_in_favour, written_against
            vote.share = share_of(total, session.member_count)
            vote.is_passed = vote_passes(
                votes_in_favour=total, member_count=session.member_count, threshold=vote.threshold
            )
            vote.save()
    return vote


def correct_session(
    *,
    session,
    held_on,
    member_count,
    present_count,
    notes,
    by,
    reason,
    place="",
    starts_at=None,
    chair=None,
    secretary=None,
    attendance=None,
):
    """The office corrects a council session's details, counts or attendance; a reason is required.

    `attendance` is (members, present ids, written ids) for a session kept with the roster: its
    counts then come from it (`council.set_attendance`, refused while votes are in force when it
    changes); a session without attendance (old data) keeps typed counts.
    Side effects: writes the CouncilSession and its attendance (audited with the reason).
    """
    from .council import set_attendance

    reason = _reason(reason, needed=True)
    typed = (member_count, present_count) != (session.member_count, session.present_count)
    if attendance is None and typed and session.attendance.exists():
        raise AwardsError(_("This session's counts come from its attendance: correct the attendance instead."))
    if attendance is None and (not member_count or member_count <= 0):
        raise AwardsError(_("The council has at least one member."))
    if attendance is None and (present_count is None or present_count > member_count):
        raise AwardsError(_("More members present than the council has."))
    with transaction.atomic(), because(reason):
        session.held_on, session.notes = held_on, (notes or "").strip()
        session.place, session.starts_at = (place or "").strip(), starts_at
        session.chair, session.secretary = chair, secretary
        if attendance is None:
            session.member_count, session.present_count = member_count, present_count
        session.save()
        if attendance is not None:
            members, present_ids, written_ids = attendance
            before = {(row.member_id, row.present, row.written_vote_received) for row in session.attendance.all()}
            wanted = {(member.pk, member.pk in set(present_ids), member.pk in set(written_ids)) for member in members}
            if before != wanted:
                set_attendance(
                    session=session,
                    members=members,
                    present_ids=present_ids,
                    written_ids=written_ids,
                    by=by,
                    reason=reason,
                )
                session.refresh_from_db()
    return session


def correct_decision(*, decision, number, signed_on, signer, level, by, reason):
    """The office corrects a recorded decision's number, date, signer or level; a reason is required.

    The award records follow (decision number and date); a new signing date applies the base
    salary and coefficients in force that day to the bonuses that were paid.
    Side effects: writes the Decision and its AwardRecords (audited with the reason).
    """
    reason = _reason(reason, needed=True)
    number = (number or "").strip()
    if not number:
        raise AwardsError(_("The decision needs a number."))
    with transaction.atomic():
        decision = Decision.objects.select_for_update().select_related("proposal").get(pk=decision.pk)
        if Decision.objects.filter(number=number).exclude(pk=decision.pk).exists():
            raise AwardsError(_("Another decision already has the number {number}.").format(number=number))
        notice_until = decision.proposal.notice_until
        if notice_until and signed_on < notice_until:
            raise AwardsError(_("The decision cannot be signed before the public notice ends."))
        from .decisions import _amount

        with because(reason):
            records = list(decision.records.select_related("award", "nominee").order_by("pk"))
            date_changed = signed_on != decision.signed_on
            if date_changed:
                decision.base_salary = _amount(
                    parameter_value(kind=ParameterKind.BASE_SALARY, on=signed_on), Decision, "base_salary"
                )
            if date_changed:
                # The amounts of the new date, still under "only the highest title of a period pays".
                full = {
                    record.pk: bonus_for(award=record.award, on=signed_on, is_household=record.is_household)
                    for record in records
                }
                amounts = corrected_amounts(records, full=full)
            total = 0
            for record in records:
                record.decision_number, record.decided_on = number, signed_on
                if date_changed:
                    record.amount = _amount(amounts[record.pk], AwardRecord, "amount")
                total += record.amount or 0
                record.save()
            decision.number, decision.signed_on, decision.signer, decision.level = number, signed_on, signer, level
            decision.total_amount = _amount(total, Decision, "total_amount")
            try:
                with transaction.atomic():
                    decision.save()
            except IntegrityError:
                raise AwardsError(
                    _("Another decision already has the number {number}.").format(number=number)
                ) from None
    return decision


def withdraw_override(*, nominee, by, reason):
    """The office withdraws its override of a failed eligibility check (the nominee is not decided yet);
    a reason is required.

    Side effects: clears override_reason and overridden_by (audited with the reason).
    """
    reason = _reason(reason, needed=True)
    with transaction.atomic():
        nominee = Nominee.objects.select_for_update().get(pk=nominee.pk)
        if not nominee.override_reason:
            raise AwardsError(_("This nominee's check was not overridden."))
        if nominee.outcome != "pending":
            raise AwardsError(_("This nominee has already been decided."))
        with because(reason):
            nominee.override_reason, nominee.overridden_by = "", None
            nominee.save(update_fields=["override_reason", "overridden_by", "search_text"])
    return nominee
