"""Statistical forms' pages (issue 14): the filled forms, one form in its official frame, the rows
behind a cell or a check, counting, marking final, reopening, the files.

Thin views: the rules are in reports/domain/statforms/.
"""

from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView

from directory.models import Unit
from portal.actions import attempt
from portal.lists import CappedPaginator, FilteredListView
from portal.mixins import HistoryMixin, ObjectPermissionMixin, PermissionMixin
from portal.permissions import object_view, permission_required

from .domain.statforms import jobs as statform_jobs
from .domain.statforms.catalogue import receipt_day
from .domain.statforms.counting import cell_rows, check_named, check_rows, definition_of, form_rows, problems
from .domain.statforms.datasets import DATASETS
from .domain.statforms.output import frame
from .filters import StatReportFilterSet
from .forms import ReopenStatReportForm, StatReportRequestForm
from .models import StatForm, StatReport

REPORTS = StatReport.objects.select_related("form", "reporting_unit", "finalised_by", "requested_by")
ROWS_PER_PAGE = 50


class StatReportListView(PermissionMixin, FilteredListView):
    permission_required = "reports.list_statreport"
    filterset_class = StatReportFilterSet
    template_name = "reports/statform_list.html"

    def get_queryset(self):
        return StatReport.objects.visible_to(self.request.user).select_related("form", "reporting_unit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_count"] = self.request.user.has_perm("reports.add_statreport")
        return context


def _codes(year):
    """(code, label) of the forms in force for `year`'s receipt date, and the versions by code."""
    forms = {form.code: form for form in StatForm.objects.in_force(receipt_day(year)).order_by("code", "valid_from")}
    return [(code, f"{code} – {form.title}") for code, form in sorted(forms.items())], forms


@permission_required("reports.add_statreport")
def statform_create(request):
    year = timezone.localdate().year
    choices, _forms = _codes(year)
    province = Unit.objects.provinces().current().order_by("pk").first()
    initial = {"year": year, "reporting_unit": province, "code": request.GET.get("code", "")}
    form = StatReportRequestForm(request.POST or None, codes=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        chosen_year = form.cleaned_data["year"]
        _choices, versions = _codes(chosen_year)
        version = versions.get(form.cleaned_data["code"])
        if version is None:
            form.add_error("code", _("This form has no version in force for {year}.").format(year=chosen_year))
        else:
            done = {}

            def start():
                done["report"] = statform_jobs.request_count(
                    form=version,
                    year=chosen_year,
                    reporting_unit=form.cleaned_data["reporting_unit"],
                    receiving_unit=form.cleaned_data["receiving_unit"],
                    by=request.user,
                )

            if attempt(request, start, success=_("The form is being counted. This page shows when it is ready.")):
                return HttpResponseRedirect(reverse("reports:statform_detail", args=[done["report"].pk]))
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/statform_create.html", {"form": form}, status=status)


def _cell_url(report):
    base = reverse("reports:statform_rows", args=[report.pk])
    return lambda row, column: f"{base}?{urlencode({'row': row, 'column': column})}"


class StatReportDetailView(ObjectPermissionMixin, HistoryMixin, DetailView):
    permission_required = "reports.view_statreport"
    template_name = "reports/statform_detail.html"
    queryset = REPORTS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report, user = self.object, self.request.user
        context.update(frame(report, report.values, cell_url=_cell_url(report)))
        context["problems"] = problems(report.form, report.year) if not report.is_final else []
        context["can_recount"] = user.has_perm("reports.recount_statreport", report)
        context["can_finalise"] = user.has_perm("reports.finalise_statreport", report)
        context["can_reopen"] = user.has_perm("reports.reopen_statreport", report)
        return context


@object_view(REPORTS, "reports.view_statreport")
def statform_status(request, report):
    # Polled while the job runs: once it has finished, the page reloads to show the new figures.
    context = {"object": report, "was_active": not report.is_active}
    return render(request, "reports/includes/statform_status.html", context)


@object_view(REPORTS, "reports.view_statreport")
def statform_rows(request, report):
    """The rows behind one cell (?row=&column=), one check before filing (?check=), or the whole form."""
    if "check" in request.GET:
        rows = check_rows(report.form, report.year, check_key=request.GET["check"])
        check = check_named(report.form, request.GET["check"])
        what = check.label if check else ""
    elif "row" not in request.GET and "column" not in request.GET:
        rows, what = form_rows(report.form, report.year), _("All the records the form counts")
    else:
        row_key, column_key = request.GET.get("row", ""), request.GET.get("column", "")
        rows = cell_rows(report.form, report.year, row_key=row_key, column_key=column_key)
        definition = definition_of(report.form)
        row, column = definition.row(row_key), definition.column(column_key)
        what = f"{row.label} × {column.group + ' – ' if column.group else ''}{column.label}" if rows is not None else ""
    if rows is None:
        raise Http404(_("This form has no such cell."))
    dataset = DATASETS[report.form.dataset]
    page = CappedPaginator(dataset.listing(rows), ROWS_PER_PAGE).get_page(request.GET.get("page"))
    can_fix = request.user.has_perm("reports.recount_statreport", report)
    listed = [(dataset.describe(item), dataset.fix_url(item) if can_fix else None) for item in page.object_list]
    context = {
        "object": report,
        "what": what,
        "headings": dataset.headings,
        "listed": listed,
        "page_obj": page,
        "paginator": page.paginator,
        "is_paginated": page.has_other_pages(),
        "querystring": urlencode({key: value for key, value in request.GET.items() if key != "page"}),
    }
    return render(request, "reports/statform_rows.html", context)


@require_POST
@object_view(REPORTS, "reports.recount_statreport")
def statform_recount(request, report):
    attempt(
        request,
        lambda: statform_jobs.request_count(
            form=report.form, year=report.year, reporting_unit=report.reporting_unit, by=request.user
        ),
        success=_("The form is being counted again."),
    )
    return HttpResponseRedirect(reverse("reports:statform_detail", args=[report.pk]))


@object_view(REPORTS, "reports.finalise_statreport")
def statform_finalise(request, report):
    back = reverse("reports:statform_detail", args=[report.pk])
    if request.method == "POST":  # refused or done, the form's page says which
        attempt(
            request, lambda: statform_jobs.finalise(report=report, by=request.user), success=_("The form is final.")
        )
        return HttpResponseRedirect(back)
    context = {
        "subject": report,
        "question": _("Mark this form final? Its figures are then frozen until it is reopened."),
        "back": back,
        "submit": _("Mark final"),
    }
    return render(request, "portal/confirm.html", context)


@object_view(REPORTS, "reports.reopen_statreport")
def statform_reopen(request, report):
    back = reverse("reports:statform_detail", args=[report.pk])
    form = ReopenStatReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        if attempt(
            request, lambda: statform_jobs.reopen(report=report, reason=reason), success=_("The form is a draft again.")
        ):
            return HttpResponseRedirect(back)
    status = 400 if request.method == "POST" else 200
    context = {
        "subject": report,
        "form": form,
        "question": _("Reopen this final form to correct it?"),
        "back": back,
        "submit": _("Reopen"),
    }
    return render(request, "portal/confirm.html", context, status=status)


@object_view(REPORTS, "reports.view_statreport")
def statform_file(request, report, kind):
    stored = report.xlsx if kind == "xlsx" else report.pdf
    if not stored:
        raise Http404(_("The form has not been counted yet."))
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404(_("The stored file is missing; count the form again.")) from None
    code = report.form.code.split(".")[0]
    content_type = (
        "application/pdf" if kind == "pdf" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return FileResponse(
        handle, as_attachment=True, filename=f"bieu-{code}-{report.year}.{kind}", content_type=content_type
    )
