"""A term's page: members and their sheets, criteria, progress, outcome; reopening scoring."""

from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from portal.actions import attempt
from portal.audit import history_visible_to
from portal.permissions import object_view

from ..domain import criteria as criteria_domain
from ..domain.status import term_status
from ..models import Criterion, CriterionGroup, Sheet, TermMember
from .common import TERMS, _progress


@object_view(TERMS, "clusters.view_term")
def term_detail(request, term):
    user = request.user
    sheets = {sheet.unit_id: sheet for sheet in Sheet.objects.filter(term=term)}
    members = list(TermMember.objects.filter(term=term).select_related("unit").order_by("unit__search_text"))
    for membership in members:
        membership.sheet = sheets.get(membership.unit_id)
    groups = list(
        CriterionGroup.objects.filter(term=term).prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.order_by("position", "pk"))
        )
    )
    context = {
        "term": term,
        "members": members,
        "progress": _progress(term),
        "groups": groups,
        "total_maximum": criteria_domain.total_maximum(term=term),
        "my_sheet": sheets.get(user.unit_id) if user.unit_id else None,
        "nominations": list(term.nominations.select_related("unit")),
        "is_lead": user.has_perm("clusters.review_term", term),
        "can_queue": user.has_perm("clusters.queue_term", term),
        "can_rank": user.has_perm("clusters.rank_term", term),
        "can_reopen": user.has_perm("clusters.reopen_term", term),
        "history": history_visible_to(user, term),
        # Where the term is (its own template block, clusters/includes/term_status.html).
        "status": term_status(term),
        "can_exclude": user.has_perm("clusters.exclude_term", term),
    }
    return render(request, "clusters/term_detail.html", context)


# The criteria pages are the office's (clusters.views.setup): the lead is told who changes them now.
SCORING_REOPENED = gettext_lazy(
    "Scoring was reopened: the provincial office can now change the criteria on its criteria pages, and it is "
    "told by email."
)


@object_view(TERMS, "clusters.review_term")
def reopen_scoring(request, term):
    if request.method != "POST":
        return HttpResponseRedirect(reverse("clusters:term_detail", args=[term.pk]))
    attempt(
        request,
        lambda: criteria_domain.reopen_scoring(term=term, by=request.user),
        success=str(SCORING_REOPENED),
    )
    return HttpResponseRedirect(reverse("clusters:term_detail", args=[term.pk]))
