from portal.lists import list_link, list_rows

from .enums import SheetStatus
from .models import Sheet, Term

PANEL_TERMS = 5
SUBMITTED = f"status={SheetStatus.SUBMITTED}"


def panels(user):
    """Unit officers see their unit's current terms, own sheet status and the submitted sheets in
    the review queue (for the lead and deputy): that figure is the row count of the queue page its
    link opens, counted by the queue's own code (`portal.lists.list_rows`)."""
    from .views.sheets import ReviewQueueView

    if not (user.is_authenticated and user.is_unit_officer and user.unit_id):
        return []
    terms = list(Term.objects.visible_to(user).select_related("cluster").order_by("-year", "pk")[:PANEL_TERMS])
    sheets = {sheet.term_id: sheet for sheet in Sheet.objects.filter(term__in=terms, unit_id=user.unit_id)}
    items = []
    for term in terms:
        item = {"term": term, "sheet": sheets.get(term.pk), "to_review": 0, "queue_link": ""}
        if user.has_perm("clusters.queue_term", term):
            item["to_review"] = list_rows(ReviewQueueView, user, SUBMITTED, pk=term.pk).count()
            item["queue_link"] = list_link("clusters:review_queue", SUBMITTED, pk=term.pk)
        items.append(item)
    return [("clusters/dashboard_panel.html", {"terms": items})]
