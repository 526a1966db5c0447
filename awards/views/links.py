"""The proposal form's suggestions: the movement reviews and cluster terms a proposal may link."""

from clusters.models import Term
from movements.models import MovementReview
from portal.permissions import permission_required
from portal.text import folded_search
from portal.widgets import autocomplete_response

from ..domain.bounds import linkable_reviews, linkable_terms


@permission_required("awards.add_proposal")
def review_suggestions(request):
    """Movement reviews a proposal by the user may link (the office: any; a unit: those of movements it
    takes part in), matching the movement's name in `?q=`, at most 20, newest first, as JSON."""
    reviews = linkable_reviews(request.user, request.user.unit_id, MovementReview.objects.select_related("movement"))
    return autocomplete_response(
        request,
        reviews,
        lambda review: {"text": str(review)},
        search=lambda rows, query: rows.filter(folded_search(query, field="movement__search_text")),
        order_by=("-held_on", "pk"),
    )


@permission_required("awards.add_proposal")
def term_suggestions(request):
    """Cluster terms a proposal by the user may link (the office: any; a unit: those it is a member of),
    matching the cluster's name in `?q=`, at most 20, the latest year first, as JSON."""
    terms = linkable_terms(request.user, request.user.unit_id, Term.objects.select_related("cluster"))
    return autocomplete_response(
        request,
        terms,
        lambda term: {"text": str(term)},
        search=lambda rows, query: rows.filter(folded_search(query, field="cluster__search_text")),
        order_by=("-year", "cluster__search_text", "pk"),
    )
