from directory.rules import is_council_member, is_officer, is_unit_officer

from .enums import ProposalState
from .models import Proposal


def panels(user):
    """Awards on the home page: the unit's drafts, the office's queue and late dossiers, the council's list."""
    if not (is_officer(user) or is_unit_officer(user) or is_council_member(user)):
        return []
    context = {"drafts": None, "queue": None, "late": None, "at_council": None}
    if is_unit_officer(user) and user.unit_id:
        context["drafts"] = Proposal.objects.filter(unit_id=user.unit_id, state__in=ProposalState.editable()).count()
    if is_officer(user):
        context["queue"] = Proposal.objects.filter(state__in=ProposalState.with_office()).count()
        context["late"] = (
            Proposal.objects.late().filter(state__in=[ProposalState.DRAFT, ProposalState.SUBMITTED]).count()
        )
    if is_council_member(user) or is_officer(user):
        context["at_council"] = Proposal.objects.filter(state=ProposalState.AT_COUNCIL).count()
    return [("awards/dashboard_panel.html", context)]
