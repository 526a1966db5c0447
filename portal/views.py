from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import broker_state, database_state, worker_state
from .navigation import dashboard_panels_for


@login_required
def dashboard(request):
    return render(request, "portal/dashboard.html", {"panels": dashboard_panels_for(request.user)})


@never_cache
@require_GET
def healthz(request):
    database_ok, database = database_state()
    broker_ok, broker = broker_state()
    healthy = database_ok and broker_ok
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "database": database,
            "broker": broker,
            "worker_last_seen": worker_state() if database_ok else None,
        },
        status=200 if healthy else 503,
    )


# ---------------------------------------------------------------------------
# Export jobs (issue 13, exports): a person's own Excel exports, their state, file and retry
# ---------------------------------------------------------------------------
import django_filters  # noqa: E402
from django.contrib import messages  # noqa: E402
from django.http import FileResponse, Http404, HttpResponseRedirect  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from django.utils.translation import gettext_lazy  # noqa: E402
from django.views.decorators.http import require_POST  # noqa: E402

from . import exports  # noqa: E402
from .enums import JobStatus  # noqa: E402
from .lists import FilteredListView  # noqa: E402
from .mixins import PermissionMixin  # noqa: E402
from .models import ExportJob  # noqa: E402
from .permissions import object_view  # noqa: E402
from .xlsx import XLSX_CONTENT_TYPE  # noqa: E402


class ExportJobFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Export status"), choices=JobStatus.choices, empty_label=gettext_lazy("Any status")
    )

    class Meta:
        model = ExportJob
        fields = ["status"]


class ExportJobListView(PermissionMixin, FilteredListView):
    """The signed-in person's own Excel exports, newest first."""

    permission_required = "portal.list_exportjob"
    filterset_class = ExportJobFilterSet
    template_name = "portal/export_list.html"

    def get_queryset(self):
        return ExportJob.objects.visible_to(self.request.user).defer("error").order_by("-requested_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["inline_max"] = settings.EXPORT_INLINE_MAX_ROWS
        return context


def _own_exports(request):
    return ExportJob.objects.visible_to(request.user)


@object_view(_own_exports, "portal.view_exportjob")
def export_detail(request, job):
    """One export: its progress while it runs (the status box asks again every second), then the
    download, or the error and a retry. htmx's poll gets the status box alone."""
    context = {"job": job, "keep_days": settings.EXPORT_KEEP_DAYS}
    if request.headers.get("HX-Request"):
        return render(request, "portal/export_status.html", context)
    return render(request, "portal/export_detail.html", context)


@object_view(_own_exports, "portal.download_exportjob")
def export_download(request, job):
    """The export's file, to its requester only (never a public media address)."""
    if not job.has_file:
        raise Http404(_("This export has no file to download."))
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The exported file is missing; export the list again.")) from None
    return FileResponse(
        handle, as_attachment=True, filename=job.download_name or exports.DEFAULT_NAME, content_type=XLSX_CONTENT_TYPE
    )


@require_POST
@object_view(_own_exports, "portal.retry_exportjob")
def export_retry(request, job):
    """Export the same list with the same filters again."""
    again, created = exports.retry_export(job=job, by=request.user)
    again.refresh_from_db()
    if again.status == JobStatus.DONE:
        messages.success(request, _("Your Excel file is ready."))
    elif created:
        messages.info(request, _("The list is being exported again. This page shows when the file is ready."))
    else:
        messages.info(request, _("This list is already being exported: this page shows when the file is ready."))
    return HttpResponseRedirect(reverse("portal:export_detail", args=[again.pk]))
