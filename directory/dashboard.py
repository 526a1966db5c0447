from portal.lists import list_link, list_rows

from .filters import UnitFilterSet
from .rules import is_officer

CURRENT_UNITS = f"status={UnitFilterSet.CURRENT}"


def panels(user):
    """The directory's part of the home page: the user's unit, and totals for officers.

    Each total is the row count of the list it links to (`portal.lists.list_rows`)."""
    from .views import PersonListView, UnitListView

    context = {"unit": user.unit}
    if is_officer(user):
        context["unit_count"] = list_rows(UnitListView, user, CURRENT_UNITS).count()
        context["unit_link"] = list_link("directory:unit_list", CURRENT_UNITS)
        context["person_count"] = list_rows(PersonListView, user).count()
        context["person_link"] = list_link("directory:person_list")
    return [("directory/dashboard_panel.html", context)]
