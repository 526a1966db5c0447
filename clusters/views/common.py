"""What the clusters pages share: the querysets they load terms and sheets with, and a term's progress."""

from django.db.models import Count, Q

from ..enums import SheetStatus
from ..models import Sheet, Term, TermMember

TERM_RELATED = ("cluster", "lead_unit", "deputy_unit", "leading_unit", "next_lead_unit", "next_deputy_unit")
TERMS = Term.objects.select_related(*TERM_RELATED).prefetch_related("phases")
SHEETS = Sheet.objects.select_related("unit", *(f"term__{name}" for name in TERM_RELATED)).prefetch_related(
    "term__phases"
)


def _progress(term):
    counts = Sheet.objects.filter(term=term).aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in SheetStatus.values}
    )
    counts["members"] = TermMember.objects.filter(term=term).count()
    counts["done_percent"] = round(counts[SheetStatus.ACCEPTED] * 100 / counts["members"]) if counts["members"] else 0
    return counts
