from django.db.models import Count, F, Q

from .enums import SheetStatus
from .models import Sheet, Term

PANEL_TERMS = 5


def panels(user):
    """Unit officers see their unit's current terms, own sheet status and sheets waiting for review."""
    if not (user.is_authenticated and user.is_unit_officer and user.unit_id):
        return []
    terms = list(
        Term.objects.visible_to(user)
        .select_related("cluster")
        .annotate(
            # Fair review: the lead reviews the members' sheets, the deputy the lead's own sheet.
            to_review=Count(
                "sheets",
                filter=Q(sheets__status=SheetStatus.SUBMITTED)
                & (
                    (Q(lead_unit_id=user.unit_id) & ~Q(sheets__unit_id=user.unit_id))
                    | Q(deputy_unit_id=user.unit_id, sheets__unit_id=F("lead_unit_id"))
                ),
                distinct=True,
            )
        )
        .order_by("-year", "pk")[:PANEL_TERMS]
    )
    sheets = {sheet.term_id: sheet for sheet in Sheet.objects.filter(term__in=terms, unit_id=user.unit_id)}
    items = [{"term": term, "sheet": sheets.get(term.pk), "to_review": term.to_review} for term in terms]
    return [("clusters/dashboard_panel.html", {"terms": items})]
