"""The officers' list of imports (`ImportRecord`): who imported what, when, from which file; one
import's page listing the audit entry of each row it wrote; and the page of an import run as a job."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .audit import HISTORY_PERMISSION, history_rows, import_entries
from .import_jobs import UPLOAD_PAGES
from .lists import FilteredListView
from .mixins import PermissionMixin
from .models import ImportJob, ImportKind, ImportRecord
from .permissions import object_view
from .text import folded_search

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
ROWS_PER_PAGE = 50


def _importers(request):
    return get_user_model().objects.filter(pk__in=ImportRecord.objects.values("by")).order_by("username")


class ImportRecordFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("File name"), method="filter_q")
    kind = django_filters.ChoiceFilter(
        label=_("Kind of import"), choices=ImportKind.choices, empty_label=_("All kinds")
    )
    by = django_filters.ModelChoiceFilter(label=_("Imported by"), queryset=_importers, empty_label=_("Anyone"))
    imported_from = django_filters.DateFilter(
        label=_("Imported from"), field_name="imported_at", lookup_expr="date__gte", widget=DATE_WIDGET
    )
    imported_until = django_filters.DateFilter(
        label=_("Imported until"), field_name="imported_at", lookup_expr="date__lte", widget=DATE_WIDGET
    )

    class Meta:
        model = ImportRecord
        fields = ["q", "kind", "by", "imported_from", "imported_until"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(folded_search(value))


class ImportListView(PermissionMixin, FilteredListView):
    permission_required = HISTORY_PERMISSION
    filterset_class = ImportRecordFilterSet
    template_name = "portal/import_list.html"

    def get_queryset(self):
        return ImportRecord.objects.visible_to(self.request.user).select_related("by").order_by("-imported_at", "-pk")


@object_view(ImportRecord.objects.select_related("by"), HISTORY_PERMISSION)
def import_detail(request, record):
    """One import and the audit entry of each row it wrote, 50 at a time."""
    page = Paginator(import_entries(record.pk), ROWS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"record": record, "page_obj": page, "rows": history_rows(list(page.object_list))}
    return render(request, "portal/import_detail.html", context)


def _jobs(request):
    return ImportJob.objects.visible_to(request.user).select_related("record")


def _job_context(job):
    from .imports import RowError, RowErrors

    errors = RowErrors(RowError(row, message) for row, message in job.row_errors)
    errors.hidden = job.hidden_errors
    return {"job": job, "row_errors": errors, "upload_page": UPLOAD_PAGES.get(job.kind)}


@object_view(_jobs, "portal.view_importjob")
def import_job(request, job):
    """An import run as a job, for whoever asked for it: waiting, how far, what it wrote or why not."""
    return render(request, "portal/import_job.html", _job_context(job))


@object_view(_jobs, "portal.view_importjob")
def import_job_status(request, job):
    """The job's state alone, polled by the page while the job runs."""
    return render(request, "portal/includes/import_job_status.html", _job_context(job))
