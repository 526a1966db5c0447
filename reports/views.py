from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, UpdateView

from clusters.enums import ClusterKind
from portal.actions import attempt
from portal.errors import DomainError
from portal.imports import ImportFailed
from portal.lists import FilteredListView
from portal.mixins import HistoryMixin, ObjectPermissionMixin, PermissionMixin
from portal.permissions import object_view, permission_required
from portal.text import fold
from portal.xlsx import xlsx_response

from .domain import jobs
from .domain.compilation import compile_figures
from .domain.docx_export import summary_docx
from .domain.imports import import_figures
from .domain.member_reports import (
    TEMPLATE_HEADERS,
    compile_cluster_report,
    save_figures,
    start_report,
    submit_report,
)
from .domain.summary import summary_context, summary_html
from .enums import RenderStatus
from .filters import ClusterReportFilterSet, ConferenceFilterSet, MemberReportFilterSet
from .forms import (
    AttachmentForm,
    ClusterReportForm,
    CompileForm,
    ConferenceForm,
    MemberReportForm,
    StartReportForm,
    UploadFiguresForm,
)
from .models import ClusterReport, Conference, Indicator, MemberReport, ReportAttachment


# ---------------------------------------------------------------------------
# Member reports
# ---------------------------------------------------------------------------
class MemberReportListView(PermissionMixin, FilteredListView):
    permission_required = "reports.list_memberreport"
    filterset_class = MemberReportFilterSet
    template_name = "reports/report_list.html"

    def get_queryset(self):
        return MemberReport.objects.visible_to(self.request.user).select_related("unit", "term__cluster")

    def export(self, rows):
        return report_export(rows)


def report_export(reports):
    reports = list(reports.prefetch_related("values"))
    indicators = list(Indicator.objects.all())
    headers = [str(_("Cluster or bloc")), str(_("Year")), str(_("Reporting period")), str(_("Unit")), str(_("Status"))]
    headers += [indicator.name for indicator in indicators]
    rows = []
    for report in reports:
        values = {value.indicator_id: value.value for value in report.values.all()}
        rows.append(
            [
                report.term.cluster.name,
                report.term.year,
                report.get_period_display(),
                report.unit.name,
                report.get_status_display(),
                *[values.get(indicator.pk) for indicator in indicators],
            ]
        )
    return xlsx_response("bao-cao-thanh-vien.xlsx", [(str(_("Member reports")), headers, rows)])


@permission_required("reports.start_memberreport")
def report_create(request):
    form = StartReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            report = start_report(
                term=form.cleaned_data["term"], unit=request.user.unit, period=form.cleaned_data["period"]
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            return HttpResponseRedirect(reverse("reports:report_update", args=[report.pk]))
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/report_start.html", {"form": form}, status=status)


REPORTS = MemberReport.objects.select_related("unit", "term__cluster")


class MemberReportDetailView(ObjectPermissionMixin, HistoryMixin, DetailView):
    permission_required = "reports.view_memberreport"
    template_name = "reports/report_detail.html"

    def get_queryset(self):
        return REPORTS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["values"] = list(self.object.values.select_related("indicator"))
        context["attachments"] = list(self.object.attachments.all())
        context["can_change"] = user.has_perm("reports.change_memberreport", self.object)
        context["can_submit"] = user.has_perm("reports.submit_memberreport", self.object)
        context["upload_form"] = UploadFiguresForm()
        context["attachment_form"] = AttachmentForm()
        return context


@object_view(REPORTS, "reports.change_memberreport")
def report_update(request, report):
    indicators = list(Indicator.objects.all())
    values = {value.indicator_id: value.value for value in report.values.all()}
    form = MemberReportForm(request.POST or None, instance=report, indicators=indicators, values=values)
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
            save_figures(report=report, values=form.figures())
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The report was saved."))
            return HttpResponseRedirect(reverse("reports:report_detail", args=[report.pk]))
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/report_form.html", {"form": form, "object": report}, status=status)


# One whole sentence per kind: a bloc's reports go to the bloc lead (Khối trưởng).
SUBMITTED_TO_LEAD = {
    ClusterKind.CLUSTER: gettext_lazy("The report was submitted to the cluster lead."),
    ClusterKind.BLOC: gettext_lazy("The report was submitted to the bloc lead."),
}


@require_POST
@object_view(REPORTS, "reports.submit_memberreport")
def report_submit(request, report):
    attempt(
        request,
        lambda: submit_report(report=report, by=request.user),
        success=str(SUBMITTED_TO_LEAD.get(report.term.cluster.kind, SUBMITTED_TO_LEAD[ClusterKind.CLUSTER])),
    )
    return HttpResponseRedirect(reverse("reports:report_detail", args=[report.pk]))


@object_view(REPORTS, "reports.view_memberreport")
def report_template(request, report):
    values = {value.indicator_id: value.value for value in report.values.all()}
    rows = (
        [indicator.code, indicator.name, indicator.get_measure_unit_display(), values.get(indicator.pk)]
        for indicator in Indicator.objects.all()
    )
    name = f"so-lieu-{fold(report.unit.short_name or report.unit.name).replace(' ', '-')}-{report.term.year}.xlsx"
    return xlsx_response(name, [(str(_("Figures")), TEMPLATE_HEADERS, rows)])


MAX_ROW_MESSAGES = 20


@require_POST
@object_view(REPORTS, "reports.change_memberreport")
def report_upload(request, report):
    form = UploadFiguresForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = form.errors.get("file") if request.FILES.get("file") else None
        messages.error(request, errors[0] if errors else _("Choose the Excel file to upload."))
        return HttpResponseRedirect(reverse("reports:report_detail", args=[report.pk]))
    try:
        import_figures(report=report, uploaded_file=form.cleaned_data["file"], by=request.user)
    except ImportFailed as failure:
        messages.error(request, str(failure))
        for error in failure.errors[:MAX_ROW_MESSAGES]:
            messages.error(request, _("Row {row}: {message}").format(row=error.row, message=error.message))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The figures were imported."))
    return HttpResponseRedirect(reverse("reports:report_detail", args=[report.pk]))


@require_POST
@object_view(REPORTS, "reports.change_memberreport")
def report_attach(request, report):
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        ReportAttachment.objects.create(report=report, title=form.cleaned_data["title"], file=form.cleaned_data["file"])
        messages.success(request, _("The file was attached."))
    else:
        # Say why (messages, issue 11): a missing title or file, and each other refusal as it is.
        refusals = [error for errors in form.errors.as_data().values() for error in errors]
        if any(error.code == "required" for error in refusals):
            messages.error(request, _("Give the attachment a title and choose a file."))
        for error in refusals:
            if error.code != "required":
                messages.error(request, " ".join(error.messages))
    return HttpResponseRedirect(reverse("reports:report_detail", args=[report.pk]))


@object_view(REPORTS, "reports.view_memberreport")
def report_attachment(request, report, attachment_pk):
    attachment = get_object_or_404(ReportAttachment, pk=attachment_pk, report=report)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.file.name.split("/")[-1])


# ---------------------------------------------------------------------------
# Cluster reports
# ---------------------------------------------------------------------------
class ClusterReportListView(PermissionMixin, FilteredListView):
    permission_required = "reports.list_clusterreport"
    filterset_class = ClusterReportFilterSet
    template_name = "reports/cluster_report_list.html"

    def get_queryset(self):
        return ClusterReport.objects.visible_to(self.request.user).select_related("term__cluster", "term__lead_unit")


@permission_required("reports.add_clusterreport")
def cluster_report_create(request):
    """The lead compiles (or recompiles) the cluster report of a period."""
    form = CompileForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            cluster_report = compile_cluster_report(
                term=form.cleaned_data["term"], period=form.cleaned_data["period"], by=request.user
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The cluster report was compiled from the members' reports."))
            return HttpResponseRedirect(reverse("reports:cluster_report_detail", args=[cluster_report.pk]))
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/cluster_report_compile.html", {"form": form}, status=status)


class ClusterReportDetailView(ObjectPermissionMixin, HistoryMixin, DetailView):
    permission_required = "reports.view_clusterreport"
    template_name = "reports/cluster_report_detail.html"

    def get_queryset(self):
        return ClusterReport.objects.select_related("term__cluster", "term__lead_unit", "term__deputy_unit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["compilation"] = compile_figures(term=self.object.term, period=self.object.period)
        context["can_change"] = self.request.user.has_perm("reports.change_clusterreport", self.object)
        return context


class ClusterReportUpdateView(ObjectPermissionMixin, UpdateView):
    permission_required = "reports.change_clusterreport"
    template_name = "reports/cluster_report_form.html"
    form_class = ClusterReportForm

    def get_queryset(self):
        return ClusterReport.objects.select_related("term__cluster")

    def get_success_url(self):
        messages.success(self.request, _("The cluster report was saved."))
        return reverse("reports:cluster_report_detail", args=[self.object.pk])


# ---------------------------------------------------------------------------
# Conferences
# ---------------------------------------------------------------------------
class ConferenceListView(PermissionMixin, FilteredListView):
    permission_required = "reports.list_conference"
    filterset_class = ConferenceFilterSet
    template_name = "reports/conference_list.html"

    def get_queryset(self):
        return Conference.objects.visible_to(self.request.user).select_related("term__cluster", "host_unit")


class ConferenceFormMixin(ObjectPermissionMixin):
    model = Conference
    form_class = ConferenceForm
    template_name = "reports/conference_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_success_url(self):
        messages.success(self.request, _("The conference was saved."))
        return reverse("reports:conference_detail", args=[self.object.pk])


class ConferenceCreateView(ConferenceFormMixin, CreateView):
    permission_required = "reports.add_conference"


class ConferenceUpdateView(ConferenceFormMixin, UpdateView):
    permission_required = "reports.change_conference"


CONFERENCES = Conference.objects.select_related("term__cluster", "term__lead_unit", "term__deputy_unit", "host_unit")


def render_state(conference):
    context = summary_context(conference)
    state = jobs.summary_state(conference=conference, digest=jobs.content_hash(summary_html(conference, context)))
    return context, state


class ConferenceDetailView(ObjectPermissionMixin, HistoryMixin, DetailView):
    permission_required = "reports.view_conference"
    template_name = "reports/conference_detail.html"

    queryset = CONFERENCES

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary, state = render_state(self.object)
        context.update(summary)
        context["object"] = self.object
        context["render"] = state
        context["can_change"] = self.request.user.has_perm("reports.change_conference", self.object)
        context["can_render"] = self.request.user.has_perm("reports.render_conference", self.object)
        # The ranking is linked only for those the clusters app lets see it (members after the lock).
        term = self.object.term
        can_rank = self.request.user.has_perm("clusters.rank_term", term)
        context["ranking_url"] = reverse("clusters:ranking", args=[term.pk]) if can_rank else None
        context["term_url"] = reverse("clusters:term_detail", args=[term.pk])
        return context


@require_POST
@object_view(CONFERENCES, "reports.render_conference")
def conference_render(request, conference):
    job, reused = jobs.request_summary(conference=conference, by=request.user)
    if reused:
        messages.info(request, _("The PDF is up to date: nothing needed rendering again."))
    else:
        messages.success(request, _("The PDF is being prepared. This page shows when it is ready."))
    return HttpResponseRedirect(reverse("reports:conference_detail", args=[conference.pk]) + "#summary")


@object_view(CONFERENCES, "reports.view_conference")
def conference_render_status(request, conference):
    _summary, state = render_state(conference)
    return render(
        request,
        "reports/render_status.html",
        {
            "object": conference,
            "render": state,
            "can_render": request.user.has_perm("reports.render_conference", conference),
        },
    )


@object_view(CONFERENCES, "reports.view_conference")
def conference_pdf(request, conference):
    job = conference.render_jobs.filter(status=RenderStatus.DONE).order_by("-finished_at", "-pk").first()
    if job is None or not job.file:
        raise Http404(_("No PDF has been produced for this conference yet."))
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The stored PDF is missing; render it again.")) from None
    name = f"tom-tat-hoi-nghi-{conference.pk}.pdf"
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")


@object_view(CONFERENCES, "reports.view_conference")
def conference_docx(request, conference):
    response = HttpResponse(
        summary_docx(conference),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="tom-tat-hoi-nghi-{conference.pk}.docx"'
    return response
