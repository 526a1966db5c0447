"""Pages of clusters and terms. Views are thin: rules live in clusters/domain/."""

from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from directory.models import Unit
from portal.actions import attempt
from portal.audit import history_visible_to
from portal.errors import DomainError
from portal.lists import FilteredListView
from portal.mixins import HistoryMixin, ObjectPermissionMixin, PermissionMixin
from portal.numbers import format_input
from portal.permissions import object_view
from portal.xlsx import xlsx_response

from .domain import criteria as criteria_domain
from .domain import scoring, vote
from .domain.errors import SheetConflict
from .domain.ranking import ranking
from .enums import CriterionKind, PhaseKind, SheetStatus
from .filters import ClusterFilterSet, SheetFilterSet
from .forms import ScoreSheetForm, SheetReviewForm, VoteUnitForm
from .models import Ballot, Cluster, Criterion, CriterionGroup, Score, Sheet, Term, TermMember

TERM_RELATED = ("cluster", "lead_unit", "deputy_unit", "leading_unit", "next_lead_unit", "next_deputy_unit")


TERMS = Term.objects.select_related(*TERM_RELATED).prefetch_related("phases")
SHEETS = Sheet.objects.select_related("unit", *(f"term__{name}" for name in TERM_RELATED)).prefetch_related(
    "term__phases"
)


# ---------------------------------------------------------------------------
# Clusters
# ---------------------------------------------------------------------------
class ClusterListView(PermissionMixin, FilteredListView):
    permission_required = "clusters.list_cluster"
    filterset_class = ClusterFilterSet
    template_name = "clusters/cluster_list.html"

    def get_queryset(self):
        return (
            Cluster.objects.visible_to(self.request.user)
            .select_related("organising_body")
            .annotate(term_count=Count("terms"))
            .order_by("search_text", "pk")
        )


class ClusterDetailView(ObjectPermissionMixin, HistoryMixin, DetailView):
    permission_required = "clusters.view_cluster"
    template_name = "clusters/cluster_detail.html"
    queryset = Cluster.objects.select_related("organising_body")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["terms"] = list(
            Term.objects.visible_to(self.request.user)
            .filter(cluster=self.object)
            .select_related(*TERM_RELATED)
            .annotate(member_count=Count("memberships", distinct=True))
            .order_by("-year")
        )
        return context


# ---------------------------------------------------------------------------
# Terms
# ---------------------------------------------------------------------------
def _progress(term):
    counts = Sheet.objects.filter(term=term).aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in SheetStatus.values}
    )
    counts["members"] = TermMember.objects.filter(term=term).count()
    counts["done_percent"] = round(counts[SheetStatus.ACCEPTED] * 100 / counts["members"]) if counts["members"] else 0
    return counts


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
    }
    return render(request, "clusters/term_detail.html", context)


@object_view(TERMS, "clusters.review_term")
def reopen_scoring(request, term):
    if request.method != "POST":
        return HttpResponseRedirect(reverse("clusters:term_detail", args=[term.pk]))
    attempt(
        request,
        lambda: criteria_domain.reopen_scoring(term=term, by=request.user),
        success=_("Scoring was reopened: the criteria may be changed."),
    )
    return HttpResponseRedirect(reverse("clusters:term_detail", args=[term.pk]))


# ---------------------------------------------------------------------------
# Sheets
# ---------------------------------------------------------------------------
class Row:
    """One criterion on a sheet page: the stored score, what was typed, and the error if refused."""

    def __init__(self, criterion, score, *, posted, errors, field):
        self.criterion = criterion
        self.score = score
        self.error = errors.get(criterion.pk)
        stored_value = score.value if score else None
        stored_points = score.points if score else None
        stored = stored_value if field == "value" else stored_points
        key = f"{field}-{criterion.pk}"
        self.text = posted.get(key, "") if posted is not None and key in posted else format_input(stored)
        self.comment = (
            posted.get(f"comment-{criterion.pk}", "") if posted is not None else (score.comment if score else "")
        )
        self.reason = posted.get(f"reason-{criterion.pk}", "") if posted is not None else ""


def _sheet_rows(sheet, *, posted=None, errors=None, field="value"):
    """Criteria of the term grouped, each with the sheet's score (two queries)."""
    errors = errors or {}
    scores = {score.criterion_id: score for score in Score.objects.filter(sheet=sheet)}
    groups = list(
        CriterionGroup.objects.filter(term_id=sheet.term_id).prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.order_by("position", "pk"))
        )
    )
    for group in groups:
        group.rows = [
            Row(criterion, scores.get(criterion.pk), posted=posted, errors=errors, field=field)
            for criterion in group.criteria.all()
        ]
    total = sum((score.points for score in scores.values()), start=0)
    self_total = sum((score.self_points for score in scores.values()), start=0)
    return groups, total, self_total


@object_view(SHEETS, {"*": "clusters.view_sheet", "POST": "clusters.fill_sheet"})
def sheet_detail(request, sheet):
    """The member's sheet: a form for its own unit while it can edit, read-only for the lead and officers."""
    user = request.user
    can_fill = user.has_perm("clusters.fill_sheet", sheet)
    errors, posted = {}, None
    status = 200
    if request.method == "POST":
        posted = request.POST
        form = ScoreSheetForm(
            request.POST, request.FILES, criteria=Criterion.objects.filter(group__term_id=sheet.term_id)
        )
        if not form.is_valid():
            errors = form.criterion_errors()
        else:
            try:
                scoring.save_sheet(
                    sheet=sheet,
                    version=form.cleaned_data["version"],
                    entries=form.entries(),
                    by=user,
                    submit=form.submit,
                )
            except scoring.ScoreErrors as failure:
                errors = failure.errors
            except SheetConflict as error:
                messages.error(request, str(error))
                status = 409
            except DomainError as error:
                messages.error(request, str(error))
                status = 400
            else:
                if sheet.status == SheetStatus.SUBMITTED:
                    messages.success(request, _("The sheet was submitted to the cluster lead."))
                else:
                    messages.success(request, _("The draft was saved."))
                return HttpResponseRedirect(reverse("clusters:sheet_detail", args=[sheet.pk]))
        if errors:
            messages.error(request, _("Nothing was saved: correct the highlighted criteria."))
            status = 400
    groups, total, self_total = _sheet_rows(sheet, posted=posted, errors=errors)
    editable = (
        can_fill
        and sheet.status in scoring.EDITABLE_BY_MEMBER
        and sheet.term.active_phase_kind == PhaseKind.SELF_ASSESSMENT
        and not sheet.term.is_locked
    )
    context = {
        "sheet": sheet,
        "term": sheet.term,
        "groups": groups,
        "total": total,
        "self_total": self_total,
        "editable": editable,
        "errors": errors,
        "posted": posted,
        "kinds": CriterionKind,
        "can_review": user.has_perm("clusters.review_sheet", sheet),
        "history": history_visible_to(user, sheet),
    }
    return render(request, "clusters/sheet_detail.html", context, status=status)


@object_view(SHEETS, "clusters.review_sheet")
def sheet_review(request, sheet):
    """The lead checks a submitted sheet, adjusts points with reasons, and accepts or returns it."""
    errors, posted, status = {}, None, 200
    if request.method == "POST":
        posted = request.POST
        form = SheetReviewForm(request.POST, criteria=Criterion.objects.filter(group__term_id=sheet.term_id))
        if not form.is_valid():
            errors = form.criterion_errors()
        else:
            try:
                scoring.review_sheet(
                    sheet=sheet,
                    version=form.cleaned_data["version"],
                    adjustments=form.adjustments(),
                    by=request.user,
                    action=form.cleaned_data["action"],
                    return_reason=form.cleaned_data["return_reason"],
                )
            except scoring.ScoreErrors as failure:
                errors = failure.errors
            except SheetConflict as error:
                messages.error(request, str(error))
                status = 409
            except DomainError as error:
                messages.error(request, str(error))
                status = 400
            else:
                done = {
                    SheetStatus.ACCEPTED: _("The sheet was accepted."),
                    SheetStatus.RETURNED: _("The sheet was returned to the member for correction."),
                }
                messages.success(request, done.get(sheet.status, _("The review was saved.")))
                return HttpResponseRedirect(reverse("clusters:review_queue", args=[sheet.term_id]))
        if errors:
            messages.error(request, _("Nothing was saved: correct the highlighted criteria."))
            status = 400
    groups, total, self_total = _sheet_rows(sheet, posted=posted, errors=errors, field="points")
    context = {
        "sheet": sheet,
        "term": sheet.term,
        "groups": groups,
        "total": total,
        "self_total": self_total,
        "errors": errors,
        "posted": posted,
        "reviewable": sheet.status == SheetStatus.SUBMITTED and not sheet.term.is_locked,
    }
    return render(request, "clusters/sheet_review.html", context, status=status)


@object_view(Score.objects.select_related("sheet__term", "sheet__unit"), "clusters.view_sheet", check_on="sheet")
def evidence(request, score):
    """An evidence file, served only to those who may see the sheet."""
    if not score.evidence:
        raise Http404
    return FileResponse(score.evidence.open("rb"), as_attachment=True, filename=score.evidence.name.rsplit("/", 1)[-1])


class ReviewQueueView(ObjectPermissionMixin, FilteredListView):
    """The lead's queue: the term's sheets with their status, submitted ones first."""

    permission_required = "clusters.queue_term"
    object_source = TERMS
    filterset_class = SheetFilterSet
    template_name = "clusters/review_queue.html"

    def get_queryset(self):
        term = self.get_object()
        order = {SheetStatus.SUBMITTED: 0, SheetStatus.RETURNED: 1, SheetStatus.DRAFT: 2, SheetStatus.ACCEPTED: 3}
        from django.db.models import Case, IntegerField, Sum, Value, When

        return (
            Sheet.objects.visible_to(self.request.user)
            .filter(term=term)
            .select_related("unit")
            .annotate(
                total=Sum("scores__points"),
                queue=Case(*[When(status=s, then=Value(n)) for s, n in order.items()], output_field=IntegerField()),
            )
            .order_by("queue", "submitted_at", "unit__search_text", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["term"] = self.get_object()
        context["progress"] = _progress(context["term"])
        # Officers follow the queue; only the term's lead opens a sheet's review page.
        context["can_review"] = self.request.user.has_perm("clusters.review_term", context["term"])
        return context


# ---------------------------------------------------------------------------
# Ranking and vote
# ---------------------------------------------------------------------------
@object_view(TERMS, "clusters.rank_term")
def term_ranking(request, term):
    rows = ranking(term=term)
    if request.GET.get("format") == "xlsx":
        headers = [_("Rank"), _("Unit"), _("Total points"), _("First group"), _("Deductions")]
        data = ([row.rank, row.unit.name, row.total, row.first_group, row.deductions] for row in rows)
        return xlsx_response(f"xep-hang-{term.pk}.xlsx", [(_("Ranking"), headers, data)])
    context = {
        "term": term,
        "rows": rows,
        "total_maximum": criteria_domain.total_maximum(term=term),
        "progress": _progress(term),
        "chart_height": 28 * len(rows) + 10,
    }
    return render(request, "clusters/ranking.html", context)


@object_view(TERMS, {"*": "clusters.view_term", "POST": "clusters.vote_term"})
def term_vote(request, term):
    """The ballot for members, and the tally and its controls for the lead (whoever sees the term is one
    of: a member, the lead, an officer)."""
    user = request.user
    can_vote = user.has_perm("clusters.vote_term", term)
    is_lead = user.has_perm("clusters.run_vote_term", term)
    status = 200
    if request.method == "POST":
        form = VoteUnitForm(request.POST, units=_units(vote.candidates(term=term)), names=["choice"])
        if not form.is_valid():
            messages.error(request, _("Choose the unit you vote for."))
            status = 400
        else:
            try:
                vote.cast_ballot(term=term, voter_unit=user.unit, choice_unit_id=form.unit_id("choice"), by=user)
            except DomainError as error:
                messages.error(request, str(error))
                status = 400
            else:
                messages.success(request, _("Your unit's ballot was recorded."))
                return HttpResponseRedirect(reverse("clusters:term_vote", args=[term.pk]))
    candidates = vote.candidates(term=term)
    round_number = min(term.vote_round, term.VOTE_ROUNDS)
    votes = dict(vote.tally(term=term, round_number=round_number))
    for candidate in candidates:
        candidate.votes = votes.get(candidate.pk, 0)
    my_ballot = (
        Ballot.objects.filter(term=term, round=round_number, voter_id=user.unit_id).select_related("choice").first()
        if can_vote
        else None
    )
    context = {
        "term": term,
        "candidates": candidates,
        "round_number": round_number,
        "ballot_count": sum(votes.values()),
        "member_count": TermMember.objects.filter(term=term).count(),
        "my_ballot": my_ballot,
        "can_vote": can_vote,
        "is_lead": is_lead,
        "can_reopen": user.has_perm("clusters.reopen_term", term),
        "vote_open": term.active_phase_kind == PhaseKind.VOTE and not term.leading_unit_id and not term.is_locked,
        "awaiting_decision": term.vote_round > term.VOTE_ROUNDS and not term.leading_unit_id,
        "members": list(TermMember.objects.filter(term=term).select_related("unit").order_by("unit__search_text")),
    }
    return render(request, "clusters/vote.html", context, status=status)


def _lead_action(request, term, action, success, *, form=None):
    if request.method == "POST":
        if form is not None and not form.is_valid():
            messages.error(request, _("Choose a unit from the list."))
        else:
            attempt(request, lambda: action(term), success=success)
    return HttpResponseRedirect(reverse("clusters:term_vote", args=[term.pk]))


def _units(units):
    return Unit.objects.filter(pk__in=[unit.pk for unit in units])


def _members(term):
    return Unit.objects.filter(pk__in=TermMember.objects.filter(term=term).values("unit_id"))


@object_view(TERMS, "clusters.run_vote_term")
def vote_close(request, term):
    return _lead_action(
        request, term, lambda term: vote.close_round(term=term, by=request.user), _("The round was counted.")
    )


@object_view(TERMS, "clusters.run_vote_term")
def vote_decide(request, term):
    form = VoteUnitForm(request.POST or None, units=_units(vote.candidates(term=term)), names=["unit"])
    return _lead_action(
        request,
        term,
        lambda term: vote.decide_leading_unit(term=term, unit_id=form.unit_id("unit"), by=request.user),
        _("The lead and deputy's decision was recorded."),
        form=form,
    )


@object_view(TERMS, "clusters.run_vote_term")
def lock_results(request, term):
    form = VoteUnitForm(request.POST or None, units=_members(term), names=["next_lead", "next_deputy"], required=False)
    return _lead_action(
        request,
        term,
        lambda term: vote.lock_results(
            term=term,
            by=request.user,
            next_lead_unit_id=form.unit_id("next_lead"),
            next_deputy_unit_id=form.unit_id("next_deputy"),
        ),
        _("The results are locked; the nominations were written."),
        form=form,
    )


@object_view(TERMS, "clusters.reopen_term")
def reopen_results(request, term):
    return _lead_action(
        request, term, lambda term: vote.reopen_results(term=term, by=request.user), _("The term was reopened.")
    )
