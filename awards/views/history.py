"""Award history: the lookup of people and units, and the import of past records."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.lists import PAGE_SIZE
from portal.permissions import permission_required
from portal.uploads import UploadRejected
from portal.xlsx import xlsx_response

from ..domain.imports import (
    HISTORY_EXAMPLE,
    HISTORY_HEADERS,
    queue_history_import,
)
from ..domain.lookup import lookup_order, unit_histories
from ..exports import lookup_export
from ..filters import AwardRecordFilterSet
from ..forms import HistoryImportForm
from ..models import AwardRecord


@permission_required("awards.list_awardrecord")
def lookup(request):
    """People and units found without diacritics, with their awards by year; no exact count over millions."""
    records = AwardRecord.objects.visible_to(request.user).select_related("award", "unit")
    filterset = AwardRecordFilterSet(request.GET or None, queryset=records)
    query = (request.GET.get("q") or "").strip()
    page_number = request.GET.get("page", "1")
    page_number = int(page_number) if page_number.isdigit() and 0 < int(page_number) < 10_000 else 1
    rows, units = [], []
    if query or request.GET.get("year") or request.GET.get("award"):
        queryset = filterset.qs if filterset.is_valid() else records.none()
        if request.GET.get("format") == "xlsx":  # issue 14: the search's records, tier included
            return lookup_export(
                queryset.order_by(*lookup_order(query)),
                request=request,
                filterset=filterset,
                limit=settings.EXPORT_INLINE_MAX_ROWS,
            )
        offset = (page_number - 1) * PAGE_SIZE
        rows = list(queryset.order_by(*lookup_order(query))[offset : offset + PAGE_SIZE + 1])
        if query:
            units = unit_histories(query)
    has_next = len(rows) > PAGE_SIZE
    querystring = request.GET.copy()
    querystring.pop("page", None)
    querystring.pop("format", None)
    return render(
        request,
        "awards/lookup.html",
        {
            "filter": filterset,
            "rows": rows[:PAGE_SIZE],
            "units": units,
            "page_number": page_number,
            "has_next": has_next,
            "has_previous": page_number > 1,
            "querystring": querystring.urlencode(),
            "searched": bool(rows or units or query),
        },
    )


@permission_required("awards.import_awardrecord")
def history_import(request):
    """Upload a history file: checked for its columns at once, its rows by a job (the job's page follows)."""
    form = HistoryImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = queue_history_import(uploaded_file=form.cleaned_data["file"], by=request.user)
        except UploadRejected as error:
            form.add_error("file", str(error))
        else:
            messages.info(request, _("The file was received: its rows are being checked and imported."))
            return HttpResponseRedirect(reverse("portal:import_job", args=[job.pk]))
    status = 400 if request.method == "POST" else 200
    return render(request, "awards/history_import.html", {"form": form}, status=status)


@permission_required("awards.import_awardrecord")
def history_template(request):
    return xlsx_response("mau-lich-su-khen-thuong.xlsx", [(_("Award history"), HISTORY_HEADERS, HISTORY_EXAMPLE)])
