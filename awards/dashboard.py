from directory.rules import is_council_member, is_officer, is_unit_officer
from portal.lists import list_link, list_rows

from .enums import ProposalState


def _figure(view_class, user, url_name, query=""):
    """(count, link): the number of rows of the list the link opens, by that list's own code."""
    return {"count": list_rows(view_class, user, query).count(), "link": list_link(url_name, query)}


def panels(user):
    """Awards on the home page: the unit's drafts and returned dossiers, the office's queue and late
    dossiers, the council's list. Each figure is the row count of the list it links to."""
    from .views.proposals import ProposalListView, VerificationQueueView

    if not (is_officer(user) or is_unit_officer(user) or is_council_member(user)):
        return []
    context = {"drafts": None, "returned": None, "queue": None, "late": None, "at_council": None}
    if is_unit_officer(user) and user.unit_id:
        for key, state in (("drafts", ProposalState.DRAFT), ("returned", ProposalState.RETURNED)):
            query = f"state={state}&unit={user.unit_id}"
            context[key] = _figure(ProposalListView, user, "awards:proposal_list", query)
    if is_officer(user):
        context["queue"] = _figure(VerificationQueueView, user, "awards:queue")
        context["late"] = _figure(VerificationQueueView, user, "awards:queue", "late=true")
    if is_council_member(user) or is_officer(user):
        context["at_council"] = _figure(
            ProposalListView, user, "awards:proposal_list", f"state={ProposalState.AT_COUNCIL}"
        )
    return [("awards/dashboard_panel.html", context)]
