"""The leading-unit vote: ballots, counting rounds, the lead's and deputy's confirmations, locking,
excluding members, and the officer's reopening of the vote or the review."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from directory.models import Unit
from portal.actions import attempt
from portal.audit import history_visible_to
from portal.errors import DomainError
from portal.permissions import object_view

from ..domain import vote
from ..domain.status import vote_explanation
from ..enums import DeciderSide, PhaseKind, SheetStatus
from ..forms import VoteUnitForm
from ..forms.vote import CloseRoundForm, ConfirmChoiceForm, ExclusionForm, ReasonForm
from ..models import Ballot, DeciderChoice, Sheet, TermMember
from .common import TERMS


@object_view(TERMS, {"*": "clusters.view_term", "POST": "clusters.vote_term"})
def term_vote(request, term):
    """The ballot for members; the tally, the rounds counted and the controls for the lead, the deputy
    and officers (whoever sees the term is one of: a member, the lead, an officer)."""
    user = request.user
    status = 200
    if request.method == "POST":
        form = VoteUnitForm(request.POST, units=_units(vote.candidates(term=term)), names=["choice"])
        if not form.is_valid():
            messages.error(request, _("Choose the unit you vote for."))
            status = 400
        else:
            try:
                vote.cast_ballot(term=term, voter_unit=user.unit, choice_unit_id=form.unit_id("choice"), by=user)
            except DomainError as error:
                messages.error(request, str(error))
                status = 400
            else:
                messages.success(request, _("Your unit's ballot was recorded."))
                return HttpResponseRedirect(reverse("clusters:term_vote", args=[term.pk]))
    return render(request, "clusters/vote.html", _vote_context(request, term), status=status)


def _vote_context(request, term):
    user = request.user
    can_vote = user.has_perm("clusters.vote_term", term)
    is_lead = user.has_perm("clusters.run_vote_term", term)
    candidates = vote.candidates(term=term)
    round_number = min(term.vote_round, term.VOTE_ROUNDS)
    history = vote.round_history(term=term)
    current = next((row for row in history if row.number == round_number and not row.is_closed), None)
    votes = dict(vote.tally(term=term, round_number=round_number)) if current is not None else {}
    for candidate in candidates:
        candidate.votes = votes.get(candidate.pk, 0)
    members = list(
        TermMember.objects.filter(term=term).select_related("unit", "excluded_by").order_by("unit__search_text")
    )
    ballot_count = sum(votes.values())
    needed = vote.ballots_needed(term=term, member_count=len(members))
    my_ballot = (
        Ballot.objects.filter(term=term, round=round_number, voter_id=user.unit_id).select_related("choice").first()
        if can_vote
        else None
    )
    awaiting_decision = term.vote_round > term.VOTE_ROUNDS and not term.leading_unit_id
    choices = (
        list(DeciderChoice.objects.filter(term=term).select_related("unit", "confirmed_by"))
        if term.vote_round > term.VOTE_ROUNDS
        else []
    )
    can_decide = awaiting_decision and user.has_perm("clusters.decide_term", term)
    is_officer = user.has_perm("clusters.reopen_term", term)
    current_kind = term.active_phase_kind
    return {
        "term": term,
        "words": term.cluster.words,
        "candidates": candidates,
        "round_number": round_number,
        "history": [row for row in history if row.is_closed],
        "ballot_count": ballot_count,
        "member_count": len(members),
        "ballots_needed": needed,
        "short_of_quorum": 0 < ballot_count < needed,
        "my_ballot": my_ballot,
        "can_vote": can_vote,
        "is_lead": is_lead,
        "can_reopen": is_officer,
        "can_exclude": user.has_perm("clusters.exclude_term", term),
        "vote_open": current_kind == PhaseKind.VOTE and not term.leading_unit_id and not term.is_locked,
        "explanation": vote_explanation(term, has_candidates=bool(candidates)),
        "awaiting_decision": awaiting_decision,
        "choices": choices,
        "can_decide": can_decide,
        "my_sides": vote.sides_for(term=term, user=user) if can_decide else [],
        "sides": DeciderSide.choices,
        "can_reopen_vote": is_officer and (term.is_locked or term.leading_unit_id or history or choices),
        "can_reopen_review": is_officer and (term.is_locked or current_kind in (PhaseKind.VOTE, PhaseKind.RESULTS)),
        "members": members,
        "excluded": [membership for membership in members if membership.is_excluded],
    }


def _redirect(term, name="clusters:term_vote"):
    return HttpResponseRedirect(reverse(name, args=[term.pk]))


def _units(units):
    return Unit.objects.filter(pk__in=[unit.pk for unit in units])


def _members(term):
    return Unit.objects.filter(pk__in=TermMember.objects.filter(term=term).values("unit_id"))


@object_view(TERMS, "clusters.run_vote_term")
def vote_close(request, term):
    """Count the current round; before the quorum, only with "close with N of M" confirmed and a reason."""
    if request.method == "POST":
        form = CloseRoundForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The confirmation or the reason could not be read: nothing was counted."))
        else:
            attempt(
                request,
                lambda: vote.close_round(
                    term=term,
                    by=request.user,
                    confirm_count=form.cleaned_data["confirm_count"],
                    reason=form.cleaned_data["reason"],
                ),
                success=_("The round was counted."),
            )
    return _redirect(term)


@object_view(TERMS, "clusters.decide_term")
def vote_decide(request, term):
    """The lead or the deputy (or an officer in a unit's place) confirms its choice of the leading unit."""
    if request.method == "POST":
        form = ConfirmChoiceForm(request.POST, units=_units(vote.candidates(term=term)))
        if not form.is_valid():
            messages.error(request, _("Choose a unit from the list."))
        else:
            try:
                confirmation = vote.confirm_choice(
                    term=term,
                    unit_id=form.cleaned_data["unit"].pk,
                    by=request.user,
                    side=form.cleaned_data["side"] or None,
                )
            except DomainError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, confirmation.sentences())
    return _redirect(term)


@object_view(TERMS, "clusters.run_vote_term")
def lock_results(request, term):
    if request.method == "POST":
        form = VoteUnitForm(request.POST, units=_members(term), names=["next_lead", "next_deputy"], required=False)
        if not form.is_valid():
            messages.error(request, _("Choose a unit from the list."))
        else:
            attempt(
                request,
                lambda: vote.lock_results(
                    term=term,
                    by=request.user,
                    next_lead_unit_id=form.unit_id("next_lead"),
                    next_deputy_unit_id=form.unit_id("next_deputy"),
                ),
                success=_("The results are locked; the nominations were written."),
            )
    return _redirect(term)


def _reopen(request, term, action):
    if request.method == "POST":
        form = ReasonForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give a reason for reopening: it is recorded in the history."))
        else:
            try:
                result = action(term=term, by=request.user, reason=form.cleaned_data["reason"])
            except DomainError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, result.sentences())
    return _redirect(term)


@object_view(TERMS, "clusters.reopen_term")
def reopen_results(request, term):
    """The officer reopens the vote (and the results, when locked), with a reason."""
    return _reopen(request, term, vote.reopen_vote)


@object_view(TERMS, "clusters.reopen_term")
def reopen_review(request, term):
    """The officer reopens the lead's review (and everything after it), with a reason."""
    return _reopen(request, term, vote.reopen_review)


@object_view(TERMS, "clusters.exclude_term")
def term_exclusions(request, term):
    """Officers exclude a member from the ranking and the nominations, with a reason, or include it again."""
    status = 200
    if request.method == "POST":
        form = ExclusionForm(request.POST, units=_members(term))
        if not form.is_valid():
            messages.error(request, _("Choose a member from the list."))
            status = 400
        else:
            data = form.cleaned_data
            if data["action"] == "exclude":
                done = attempt(
                    request,
                    lambda: vote.exclude_member(term=term, unit=data["unit"], reason=data["reason"], by=request.user),
                    success=_("{unit} is excluded from the ranking and the nominations.").format(unit=data["unit"]),
                )
            else:
                done = attempt(
                    request,
                    lambda: vote.include_member(term=term, unit=data["unit"], by=request.user, reason=data["reason"]),
                    success=_("{unit} is ranked again.").format(unit=data["unit"]),
                )
            if done:
                return HttpResponseRedirect(reverse("clusters:term_exclusions", args=[term.pk]))
            status = 400
    statuses = dict(Sheet.objects.filter(term=term).values_list("unit_id", "status"))
    members = list(
        TermMember.objects.filter(term=term).select_related("unit", "excluded_by").order_by("unit__search_text")
    )
    labels = dict(SheetStatus.choices)
    for membership in members:
        membership.sheet_status = labels.get(statuses.get(membership.unit_id), "")
        membership.accepted = statuses.get(membership.unit_id) == SheetStatus.ACCEPTED
    context = {
        "term": term,
        "members": members,
        "history": history_visible_to(request.user, term, children=[TermMember.objects.filter(term=term)]),
    }
    return render(request, "clusters/term_exclusions.html", context, status=status)
