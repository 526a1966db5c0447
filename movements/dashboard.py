from portal.lists import list_link, list_rows

from .filters import MovementFilterSet
from .rules import is_signed_in, is_unit_officer

PANEL_LIST_LIMIT = 5
UNDER_WAY = f"state={MovementFilterSet.UNDER_WAY}"


def panels(user):
    """Movements under way; for a unit officer, those their unit must still register for or leads.

    The count is the number of rows of the list its link opens (the list view's own queryset and
    filters, `portal.lists.list_rows`).
    """
    from .views import MovementListView

    if not is_signed_in(user):
        return []
    under_way = list_rows(MovementListView, user, UNDER_WAY)
    context = {
        "active_count": under_way.count(),
        "active_link": list_link("movements:movement_list", UNDER_WAY),
    }
    if is_unit_officer(user) and user.unit_id:
        context["to_register"] = list(
            under_way.filter(participants=user.unit_id)
            .exclude(registrations__unit_id=user.unit_id)
            .order_by("search_text")[:PANEL_LIST_LIMIT]
        )
        context["led"] = list(under_way.filter(lead_unit_id=user.unit_id).order_by("search_text")[:PANEL_LIST_LIMIT])
    return [("movements/dashboard_panel.html", context)]
