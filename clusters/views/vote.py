"""The leading-unit vote: ballots, counting rounds, the lead and deputy's decision, locking and reopening."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from directory.models import Unit
from portal.actions import attempt
from portal.errors import DomainError
from portal.permissions import object_view

from ..domain import vote
from ..enums import PhaseKind
from ..forms import VoteUnitForm
from ..models import Ballot, TermMember
from .common import TERMS


@object_view(TERMS, {"*": "clusters.view_term", "POST": "clusters.vote_term"})
def term_vote(request, term):
    """The ballot for members, and the tally and its controls for the lead (whoever sees the term is one
    of: a member, the lead, an officer)."""
    user = request.user
    can_vote = user.has_perm("clusters.vote_term", term)
    is_lead = user.has_perm("clusters.run_vote_term", term)
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
    candidates = vote.candidates(term=term)
    round_number = min(term.vote_round, term.VOTE_ROUNDS)
    votes = dict(vote.tally(term=term, round_number=round_number))
    for candidate in candidates:
        candidate.votes = votes.get(candidate.pk, 0)
    my_ballot = (
        Ballot.objects.filter(term=term, round=round_number, voter_id=user.unit_id).select_related("choice").first()
        if can_vote
        else None
    )
    context = {
        "term": term,
        "candidates": candidates,
        "round_number": round_number,
        "ballot_count": sum(votes.values()),
        "member_count": TermMember.objects.filter(term=term).count(),
        "my_ballot": my_ballot,
        "can_vote": can_vote,
        "is_lead": is_lead,
        "can_reopen": user.has_perm("clusters.reopen_term", term),
        "vote_open": term.active_phase_kind == PhaseKind.VOTE and not term.leading_unit_id and not term.is_locked,
        "awaiting_decision": term.vote_round > term.VOTE_ROUNDS and not term.leading_unit_id,
        "members": list(TermMember.objects.filter(term=term).select_related("unit").order_by("unit__search_text")),
    }
    return render(request, "clusters/vote.html", context, status=status)


def _lead_action(request, term, action, success, *, form=None):
    if request.method == "POST":
        if form is not None and not form.is_valid():
            messages.error(request, _("Choose a unit from the list."))
        else:
            attempt(request, lambda: action(term), success=success)
    return HttpResponseRedirect(reverse("clusters:term_vote", args=[term.pk]))


def _units(units):
    return Unit.objects.filter(pk__in=[unit.pk for unit in units])


def _members(term):
    return Unit.objects.filter(pk__in=TermMember.objects.filter(term=term).values("unit_id"))


@object_view(TERMS, "clusters.run_vote_term")
def vote_close(request, term):
    return _lead_action(
        request, term, lambda term: vote.close_round(term=term, by=request.user), _("The round was counted.")
    )


@object_view(TERMS, "clusters.run_vote_term")
def vote_decide(request, term):
    form = VoteUnitForm(request.POST or None, units=_units(vote.candidates(term=term)), names=["unit"])
    return _lead_action(
        request,
        term,
        lambda term: vote.decide_leading_unit(term=term, unit_id=form.unit_id("unit"), by=request.user),
        _("The lead and deputy's decision was recorded."),
        form=form,
    )


@object_view(TERMS, "clusters.run_vote_term")
def lock_results(request, term):
    form = VoteUnitForm(request.POST or None, units=_members(term), names=["next_lead", "next_deputy"], required=False)
    return _lead_action(
        request,
        term,
        lambda term: vote.lock_results(
            term=term,
            by=request.user,
            next_lead_unit_id=form.unit_id("next_lead"),
            next_deputy_unit_id=form.unit_id("next_deputy"),
        ),
        _("The results are locked; the nominations were written."),
        form=form,
    )


@object_view(TERMS, "clusters.reopen_term")
def reopen_results(request, term):
    return _lead_action(
        request, term, lambda term: vote.reopen_results(term=term, by=request.user), _("The term was reopened.")
    )
