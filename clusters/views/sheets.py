"""A member's self-assessment sheet, the lead's review of it, its evidence files and the review queue.

A stale save (someone else saved meanwhile) writes nothing: the page comes back with the other
person's values beside the user's, field by field, and the version they were read at, and saves
only once the user chose for each (clusters.domain.scoring, "Stale saves").
"""

import dataclasses

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
from portal.numbers import format_input, format_number
from portal.permissions import object_view
from portal.xlsx import DATETIME, NUMBER, TEXT, Table, xlsx_response

from ..domain import scoring
from ..domain.errors import SheetConflict
from ..domain.ranking import sheet_totals
from ..enums import ClusterKind, CriterionKind, SheetStatus
from ..filters import SheetFilterSet
from ..forms import ScoreSheetForm, SheetReviewForm
from ..models import Criterion, CriterionGroup, Score, Sheet
from .common import SHEETS, TERMS, _progress
from .exports import reviewer_label, term_export_title


@dataclasses.dataclass
class Conflict:
    """What a sheet page shows after a stale save (`scoring.SheetConflict`) or an undecided conflict page.

    `differences` need a choice (pre-checked from `choices`); `mine` are the fields whose typed text
    is shown (None: every field sent), the others show what is stored; `updated` are fields only
    someone else changed; `scores` and `version`, after a stale save, are what the page now loads.
    """

    differences: list
    choices: dict = dataclasses.field(default_factory=dict)
    mine: set | None = None
    updated: set = dataclasses.field(default_factory=set)
    scores: dict | None = None
    version: int | None = None

    @classmethod
    def after_stale_save(cls, stale, *, loaded, values):
        stored = scoring.stored_fields(stale.scores)
        mine = scoring.changed_fields(loaded=loaded, posted=values)
        return cls(
            differences=scoring.conflicts(stored=stored, loaded=loaded, posted=values),
            mine=mine,
            updated=scoring.their_changes(stored=stored, loaded=loaded) - mine,
            scores=stale.scores,
            version=stale.version,
        )


def _submitted(kind):
    """The message after a member submits, in its cluster's or bloc's words."""
    if kind == ClusterKind.BLOC:
        return _("The sheet was submitted to the bloc lead.")
    return _("The sheet was submitted to the cluster lead.")


LOADED_FIELDS = ("value", "comment", "evidence", "points")


class Row:
    """One criterion on a sheet page: the stored score, what was typed, and the error if refused.

    `loaded` holds the texts the page sends back hidden as what it loaded (None: not sent, unknown);
    `conflicts` ({field: ConflictItem}), `updated` (fields only someone else changed) and
    `file_not_kept` are the row's notes after a refused save.
    """

    def __init__(self, criterion, score, *, posted, errors, field, conflict=None, files=None):
        pk = criterion.pk
        self.criterion = criterion
        self.score = score
        self.error = errors.get(pk)
        stored = {
            "value": format_input(score.value) if score else "",
            "comment": score.comment if score else "",
            "points": format_input(score.points) if score else "",
            "evidence": scoring.evidence_name(score),
        }

        def typed(name):
            if posted is None or f"{name}-{pk}" not in posted:
                return False
            return conflict is None or conflict.mine is None or (pk, name) in conflict.mine

        self.text = posted.get(f"{field}-{pk}", "") if typed(field) else stored[field]
        self.comment = posted.get(f"comment-{pk}", "") if typed("comment") else stored["comment"]
        self.reason = posted.get(f"reason-{pk}", "") if posted is not None else ""
        if posted is None or (conflict is not None and conflict.scores is not None):
            self.loaded = stored
        else:  # shown again after a refusal: still what the page first loaded
            self.loaded = {name: posted.get(f"loaded-{name}-{pk}") for name in LOADED_FIELDS}
        self.conflicts, self.updated = {}, set()
        if conflict is not None:
            for difference in conflict.differences:
                if difference.criterion_id == pk:
                    self.conflicts[difference.field] = ConflictItem(
                        criterion, difference, score=score, choice=conflict.choices.get((pk, difference.field))
                    )
            self.updated = {name for criterion_id, name in conflict.updated if criterion_id == pk}
        name = (files or {}).get(pk)
        self.file_not_kept = _("The file {name} was not saved: choose it again.").format(name=name) if name else ""


class ConflictItem:
    """A field shown with both values: `mine` as typed, `theirs` as stored (with the reviewer's reason)."""

    def __init__(self, criterion, difference, *, score, choice):
        self.name = difference.name
        self.mine = _shown(criterion, difference.field, difference.mine)
        self.theirs = _shown(criterion, difference.field, difference.theirs)
        self.reason = score.adjustment_reason if difference.field == "points" and score else ""
        self.choice = choice


def _shown(criterion, name, value):
    if name not in scoring.NUMBER_FIELDS:
        return value or _("(empty)")
    if value is None:
        return "—"
    if name == "value" and criterion.kind == CriterionKind.QUALITATIVE:
        return _("Passed") if value >= 1 else _("Not passed")
    return format_number(value)


def _sheet_rows(sheet, *, posted=None, errors=None, field="value", conflict=None, files=None):
    """Criteria of the term grouped, each with the sheet's score (two queries; the scores come from
    `conflict.scores` after a stale save)."""
    errors = errors or {}
    if conflict is not None and conflict.scores is not None:
        scores = conflict.scores
    else:
        scores = {score.criterion_id: score for score in Score.objects.filter(sheet=sheet)}
    groups = list(
        CriterionGroup.objects.filter(term_id=sheet.term_id).prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.order_by("position", "pk"))
        )
    )
    for group in groups:
        group.rows = [
            Row(
                criterion,
                scores.get(criterion.pk),
                posted=posted,
                errors=errors,
                field=field,
                conflict=conflict,
                files=files,
            )
            for criterion in group.criteria.all()
        ]
    total = sum((score.points for score in scores.values()), start=0)
    self_total = sum((score.self_points for score in scores.values()), start=0)
    return groups, total, self_total


@dataclasses.dataclass
class Posted:
    """The outcome of a sheet form's POST that did not succeed: what the page shows again."""

    errors: dict
    status: int
    conflict: Conflict | None
    version: int


def _post_sheet_form(request, form, write):
    """Validate `form`, apply the user's conflict choices and call `write(values, version)`.

    The one POST path of the member's sheet and the reviewer's page. Returns None when `write`
    succeeded, else `Posted` (field errors, a stale save shown side by side, a refusal), with the
    version the page must carry next: a refused stale form keeps its old one.
    """
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: correct the highlighted criteria."))
        return Posted(form.criterion_errors(), 400, None, form.cleaned_data.get("version", -1))
    version = form.cleaned_data["version"]
    values, loaded = form.field_values(), form.loaded()
    try:
        values = scoring.choose(posted=values, loaded=loaded, pending=form.pending(), choices=form.choices())
        write(values, version)
    except scoring.ScoreErrors as failure:
        messages.error(request, _("Nothing was saved: correct the highlighted criteria."))
        return Posted(failure.errors, 400, None, version)
    except scoring.Unresolved as undecided:
        messages.error(request, str(undecided))
        return Posted({}, 409, Conflict(differences=undecided.differences, choices=form.choices()), version)
    except SheetConflict as stale:
        messages.error(request, str(stale))
        conflict = Conflict.after_stale_save(stale, loaded=loaded, values=values)
        return Posted({}, 409, conflict, conflict.version)
    except DomainError as error:
        messages.error(request, str(error))
        return Posted({}, 400, None, version)
    return None


@object_view(SHEETS.select_related("reviewed_by"), {"*": "clusters.view_sheet", "POST": "clusters.fill_sheet"})
def sheet_detail(request, sheet):
    """The member's sheet: a form for its own unit while it can edit, read-only for the lead and officers."""
    user = request.user
    can_fill = user.has_perm("clusters.fill_sheet", sheet)
    posted, files = None, {}
    outcome = Posted({}, 200, None, sheet.version)
    if request.method == "POST":
        posted = request.POST
        form = ScoreSheetForm(
            request.POST, request.FILES, criteria=Criterion.objects.filter(group__term_id=sheet.term_id)
        )
        files = form.files_sent()

        def write(values, version):
            scoring.save_sheet(sheet=sheet, version=version, entries=form.entries(values), by=user, submit=form.submit)

        outcome = _post_sheet_form(request, form, write)
        if outcome is None:
            if sheet.status == SheetStatus.SUBMITTED:
                messages.success(request, _submitted(sheet.term.cluster.kind))
            else:
                messages.success(request, _("The draft was saved."))
            return HttpResponseRedirect(reverse("clusters:sheet_detail", args=[sheet.pk]))
    groups, total, self_total = _sheet_rows(
        sheet, posted=posted, errors=outcome.errors, conflict=outcome.conflict, files=files
    )
    editable = can_fill and scoring.open_for_member(sheet=sheet)
    context = {
        "sheet": sheet,
        "term": sheet.term,
        "groups": groups,
        "total": total,
        "self_total": self_total,
        "editable": editable,
        "errors": outcome.errors,
        "posted": posted,
        "version": outcome.version,
        "conflict": outcome.conflict,
        "files_not_kept": bool(files) and request.method == "POST",
        "kinds": CriterionKind,
        "can_review": user.has_perm("clusters.review_sheet", sheet),
        "reviewer": reviewer_label(sheet.term, sheet),
        "history": history_visible_to(user, sheet, children=[Score.objects.filter(sheet=sheet)]),
    }
    return render(request, "clusters/sheet_detail.html", context, status=outcome.status)


REVIEWED = {
    SheetStatus.ACCEPTED: _("The sheet was accepted."),
    SheetStatus.RETURNED: _("The sheet was returned to the member for correction."),
}


@object_view(SHEETS.select_related("reviewed_by"), "clusters.review_sheet")
def sheet_review(request, sheet):
    """The sheet's reviewer (the lead; the deputy for the lead's own sheet, or the office) checks a
    submitted sheet, adjusts points with reasons, and accepts or returns it."""
    posted = None
    outcome = Posted({}, 200, None, sheet.version)
    if request.method == "POST":
        posted = request.POST
        form = SheetReviewForm(request.POST, criteria=Criterion.objects.filter(group__term_id=sheet.term_id))

        def write(values, version):
            scoring.review_sheet(
                sheet=sheet,
                version=version,
                adjustments=form.adjustments(values),
                by=request.user,
                action=form.cleaned_data["action"],
                return_reason=form.cleaned_data["return_reason"],
            )

        outcome = _post_sheet_form(request, form, write)
        if outcome is None:
            messages.success(request, REVIEWED.get(sheet.status, _("The review was saved.")))
            return HttpResponseRedirect(reverse("clusters:review_queue", args=[sheet.term_id]))
    groups, total, self_total = _sheet_rows(
        sheet, posted=posted, errors=outcome.errors, field="points", conflict=outcome.conflict
    )
    context = {
        "sheet": sheet,
        "term": sheet.term,
        "groups": groups,
        "total": total,
        "self_total": self_total,
        "errors": outcome.errors,
        "posted": posted,
        "version": outcome.version,
        "conflict": outcome.conflict,
        "reviewable": sheet.status == SheetStatus.SUBMITTED and not sheet.term.is_locked,
        "reviewer": reviewer_label(sheet.term, sheet),
        "history": history_visible_to(request.user, sheet, children=[Score.objects.filter(sheet=sheet)]),
    }
    return render(request, "clusters/sheet_review.html", context, status=outcome.status)


@object_view(Score.objects.select_related("sheet__term", "sheet__unit"), "clusters.view_sheet", check_on="sheet")
def evidence(request, score):
    """An evidence file, served only to those who may see the sheet."""
    if not score.evidence:
        raise Http404
    return FileResponse(score.evidence.open("rb"), as_attachment=True, filename=score.evidence.name.rsplit("/", 1)[-1])


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
        totals = sheet_totals([sheet.pk for sheet in sheets])  # exact Decimals, one query
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
