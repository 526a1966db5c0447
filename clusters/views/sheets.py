"""A member's self-assessment sheet, the lead's review of it, its evidence files and the review queue."""

from decimal import Decimal

from django.contrib import messages
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import history_visible_to
from portal.errors import DomainError
from portal.lists import FilteredListView
from portal.mixins import ObjectPermissionMixin
from portal.numbers import format_input
from portal.permissions import object_view
from portal.xlsx import DATETIME, NUMBER, TEXT, Table, xlsx_response

from ..domain import scoring
from ..domain.errors import SheetConflict
from ..enums import CriterionKind, PhaseKind, SheetStatus
from ..filters import SheetFilterSet
from ..forms import ScoreSheetForm, SheetReviewForm
from ..models import Criterion, CriterionGroup, Score, Sheet
from .common import SHEETS, TERMS, _progress
from .exports import reviewer_label, term_export_title


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


@object_view(SHEETS.select_related("reviewed_by"), {"*": "clusters.view_sheet", "POST": "clusters.fill_sheet"})
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
        "reviewer": reviewer_label(sheet.term, sheet),
        "history": history_visible_to(user, sheet, children=[Score.objects.filter(sheet=sheet)]),
    }
    return render(request, "clusters/sheet_detail.html", context, status=status)


@object_view(SHEETS.select_related("reviewed_by"), "clusters.review_sheet")
def sheet_review(request, sheet):
    """The sheet's reviewer (the lead; the deputy for the lead's own sheet, or the office) checks a
    submitted sheet, adjusts points with reasons, and accepts or returns it."""
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
        "reviewer": reviewer_label(sheet.term, sheet),
        "history": history_visible_to(request.user, sheet, children=[Score.objects.filter(sheet=sheet)]),
    }
    return render(request, "clusters/sheet_review.html", context, status=status)


@object_view(Score.objects.select_related("sheet__term", "sheet__unit"), "clusters.view_sheet", check_on="sheet")
def evidence(request, score):
    """An evidence file, served only to those who may see the sheet."""
    if not score.evidence:
        raise Http404
    return FileResponse(score.evidence.open("rb"), as_attachment=True, filename=score.evidence.name.rsplit("/", 1)[-1])


def _sheet_totals(sheet_ids):
    """{sheet id: total points after review}, summed with Decimal (one query; no database float sum)."""
    totals = {}
    for sheet_id, points in Score.objects.filter(sheet_id__in=sheet_ids).values_list("sheet_id", "points"):
        totals[sheet_id] = totals.get(sheet_id, Decimal(0)) + (points or Decimal(0))
    return totals


@object_view(SHEETS.select_related("reviewed_by"), "clusters.view_sheet")
def sheet_export(request, sheet):
    """One member's sheet as an Excel file: every criterion, value, self-assessed points, points and reason."""
    groups, total, self_total = _sheet_rows(sheet)
    headers = [
        _("Code"),
        _("Criterion"),
        _("Kind"),
        _("Maximum points"),
        _("Value"),
        _("Self-assessed"),
        _("Points"),
        _("Reason for the change"),
        _("Comment"),
    ]
    rows = []
    for group in groups:
        rows.append(["", group.title, "", None, None, None, None, "", ""])
        for row in group.rows:
            score, criterion = row.score, row.criterion
            rows.append(
                [
                    criterion.code,
                    criterion.title,
                    criterion.get_kind_display(),
                    criterion.max_points,
                    score.value if score else None,
                    score.self_points if score else None,
                    score.points if score else None,
                    score.adjustment_reason if score else "",
                    score.comment if score else "",
                ]
            )
    rows.append(["", _("Total"), "", None, None, self_total, total, "", ""])
    term = sheet.term
    what = _("Self-assessment sheet of {unit}").format(unit=sheet.unit.name)
    reviewed = (
        _("Reviewed by {name} on {moment}.").format(
            name=sheet.reviewed_by, moment=timezone.localtime(sheet.reviewed_at).strftime("%d/%m/%Y %H:%M")
        )
        if sheet.reviewed_by_id and sheet.reviewed_at
        else _("To be reviewed by: {reviewer}.").format(reviewer=reviewer_label(term, sheet))
    )
    title = [*term_export_title(term, what, request.user), reviewed]
    kinds = [TEXT, TEXT, TEXT, NUMBER, NUMBER, NUMBER, NUMBER, TEXT, TEXT]
    table = Table(_("Sheet"), headers, rows, title_rows=title, kinds=kinds)
    return xlsx_response(f"phieu-cham-diem-{sheet.pk}.xlsx", [table])


class ReviewQueueView(ObjectPermissionMixin, FilteredListView):
    """The lead's queue: the term's sheets with their status, submitted ones first."""

    permission_required = "clusters.queue_term"
    object_source = TERMS
    filterset_class = SheetFilterSet
    template_name = "clusters/review_queue.html"

    def get_queryset(self):
        term = self.get_object()
        order = {SheetStatus.SUBMITTED: 0, SheetStatus.RETURNED: 1, SheetStatus.DRAFT: 2, SheetStatus.ACCEPTED: 3}
        return (
            Sheet.objects.visible_to(self.request.user)
            .filter(term=term)
            .select_related("unit", "reviewed_by")
            .annotate(
                queue=Case(*[When(status=s, then=Value(n)) for s, n in order.items()], output_field=IntegerField()),
            )
            .order_by("queue", "submitted_at", "unit__search_text", "pk")
        )

    def _annotate_rows(self, sheets):
        """Each sheet's Decimal total, who is to review it and whether this user may (two queries at most)."""
        term, user = self.get_object(), self.request.user
        sheets = list(sheets)
        totals = _sheet_totals([sheet.pk for sheet in sheets])
        for sheet in sheets:
            sheet.term = term  # the term the page loaded: the rules below ask it, without a query
            sheet.total = totals.get(sheet.pk)
            sheet.reviewer = reviewer_label(term, sheet)
            sheet.can_review = user.has_perm("clusters.review_sheet", sheet)
        return sheets

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["term"] = self.get_object()
        context["progress"] = _progress(context["term"])
        # Officers follow the queue; each sheet's reviewer (the lead; the deputy for the lead's own
        # sheet, or the office) opens its review page.
        context["object_list"] = self._annotate_rows(context["object_list"])
        return context

    def export(self, rows):
        term = self.get_object()
        sheets = self._annotate_rows(rows)
        headers = [
            _("Unit"),
            _("Status"),
            _("Total points"),
            _("Submitted at"),
            _("Reviewed at"),
            _("Reviewed by"),
            _("To be reviewed by"),
        ]
        data = [
            [
                sheet.unit.name,
                sheet.get_status_display(),
                sheet.total,
                sheet.submitted_at,
                sheet.reviewed_at,
                str(sheet.reviewed_by) if sheet.reviewed_by_id else "",
                sheet.reviewer,
            ]
            for sheet in sheets
        ]
        title = term_export_title(term, _("Review queue"), self.request.user)
        kinds = [TEXT, TEXT, NUMBER, DATETIME, DATETIME, TEXT, TEXT]
        table = Table(_("Review queue"), headers, data, title_rows=title, kinds=kinds)
        return xlsx_response(f"hang-doi-tham-dinh-{term.pk}.xlsx", [table])
