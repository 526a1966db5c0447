from .enums import MovementState
from .models import Movement
from .rules import is_signed_in, is_unit_officer

OPEN_STATES = MovementState.open()
PANEL_LIST_LIMIT = 5


def panels(user):
    """Movements under way; for a unit officer, those their unit must still register for or leads."""
    if not is_signed_in(user):
        return []
    movements = Movement.objects.visible_to(user)
    context = {"active_count": movements.filter(state__in=OPEN_STATES).count()}
    if is_unit_officer(user) and user.unit_id:
        context["to_register"] = list(
            movements.filter(state__in=OPEN_STATES, participants=user.unit_id)
            .exclude(registrations__unit_id=user.unit_id)
            .order_by("search_text")[:PANEL_LIST_LIMIT]
        )
        context["led"] = list(
            movements.filter(lead_unit_id=user.unit_id, state__in=OPEN_STATES).order_by("search_text")[
                :PANEL_LIST_LIMIT
            ]
        )
    return [("movements/dashboard_panel.html", context)]
