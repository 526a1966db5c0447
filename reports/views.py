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

from .domain import jobs
from .domain.compilation import compile_figures
from .domain.corrections import discard_cluster_report, discard_conference, save_with_reason
from .domain.docx_export import summary_docx
from .domain.imports import import_figures
from .domain.member_reports import (
    SECTIONS,
    attach_file,
    compile_cluster_report,
    delete_draft,
    remove_attachment,
    return_report,
    save_report,
    start_report,
    submit_report,
    why_not_deletable,
)
from .domain.summary import summary_context, summary_html
from .enums import RenderStatus
from .exports import report_export, report_figures_export
from .filters import ClusterReportFilterSet, ConferenceFilterSet, MemberReportFilterSet
from .forms import (
    AttachmentForm,
    ClusterReportForm,
    CompileForm,
    ConferenceForm,
    MemberReportForm,
    ReasonForm,
    ReturnForm,
    StartReportForm,
    UploadFiguresForm,
)
from .models import (
    ClusterReport,
    Conference,
    ConferenceAttendee,
    Indicator,
    IndicatorValue,
    MemberReport,
    ReportAttachment,
)


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
        return report_export(rows, request=self.request, filterset=self.filterset)


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
        return REPORTS.select_related("returned_by")

    def history_children(self, obj):
        return [IndicatorValue.objects.filter(report=obj), ReportAttachment.objects.filter(report=obj)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["values"] = list(self.object.values.select_related("indicator"))
        context["attachments"] = list(self.object.attachments.all())
        context["can_change"] = user.has_perm("reports.change_memberreport", self.object)
        context["can_submit"] = user.has_perm("reports.submit_memberreport", self.object)
        context["can_return"] = user.has_perm("reports.return_memberreport", self.object)
        context["can_delete"] = user.has_perm("reports.discard_memberreport", self.object) and not why_not_deletable(
            self.object
        )
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
            sections = {name: form.cleaned_data[name] for name in SECTIONS}
            save_report(report=report, sections=sections, values=form.figures())
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
    return report_figures_export(report, request=request)


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
        attempt(
            request,
            lambda: attach_file(report=report, title=form.cleaned_data["title"], file=form.cleaned_data["file"]),
            success=_("The file was attached."),
        )
    else:
        for message in attachment_refusals(form):
            messages.error(request, message)
    return HttpResponseRedirect(reverse("reports:report_detail", args=[report.pk]))


def attachment_refusals(form):
    """Why an attachment was refused: the file's own reason (its type, its size ... from
    portal.uploads), and the request for a title and a file only when one of them is missing."""
    refusals, missing = [], False
    for _name, errors in form.errors.as_data().items():
        for error in errors:
            if error.code == "required":
                missing = True
            else:
                refusals.extend(error.messages)
    if missing:
        refusals.append(_("Give the attachment a title and choose a file."))
    return refusals


@require_POST
@object_view(REPORTS, "reports.change_memberreport")
def report_attachment_delete(request, report, attachment_pk):
    attachment = get_object_or_404(ReportAttachment.objects.select_related("report"), pk=attachment_pk, report=report)
    attempt(request, lambda: remove_attachment(attachment=attachment), success=_("The attachment was removed."))
    return HttpResponseRedirect(reverse("reports:report_detail", args=[report.pk]))


@object_view(REPORTS, "reports.return_memberreport")
def report_return(request, report):
    """The lead of the term or the office returns a submitted report to its unit, with a reason."""
    form = ReturnForm(request.POST if request.method == "POST" else None)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            lambda: return_report(report=report, by=request.user, reason=form.cleaned_data["reason"]),
            success=_("The report was returned to the unit for correction."),
        )
    ):
        return HttpResponseRedirect(reverse("reports:report_detail", args=[report.pk]))
    status = 400 if request.method == "POST" else 200
    context = {
        "subject": report,
        "form": form,
        "question": _("Return this report to its unit for correction? The unit is told the reason."),
        "back": reverse("reports:report_detail", args=[report.pk]),
        "submit": _("Return for correction"),
    }
    return render(request, "portal/confirm.html", context, status=status)


@object_view(REPORTS, "reports.discard_memberreport")
def report_delete(request, report):
    """The unit deletes its own draft that was never submitted, after confirming; otherwise the page says why not."""
    back = reverse("reports:report_detail", args=[report.pk])
    if request.method == "POST":
        if attempt(request, lambda: delete_draft(report=report, by=request.user), success=_("The draft was deleted.")):
            return HttpResponseRedirect(reverse("reports:report_list"))
        return HttpResponseRedirect(back)
    context = {
        "subject": report,
        "refusal": why_not_deletable(report),
        "question": _("Delete this draft report with its figures and attachments? This cannot be undone."),
        "back": back,
        "submit": _("Delete the draft"),
    }
    return render(request, "portal/confirm.html", context)


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
        context["can_delete"] = self.request.user.has_perm("reports.discard_clusterreport", self.object)
        return context


class ReasonSavingMixin:
    """An update page whose form carries an optional `reason`, recorded in the history with the change."""

    def form_valid(self, form):
        self.object = save_with_reason(form=form, reason=form.cleaned_data.get("reason", ""))
        return HttpResponseRedirect(self.get_success_url())


class ClusterReportUpdateView(ObjectPermissionMixin, ReasonSavingMixin, UpdateView):
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


class ConferenceUpdateView(ConferenceFormMixin, ReasonSavingMixin, UpdateView):
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

    def history_children(self, obj):
        return [ConferenceAttendee.objects.filter(conference=obj)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary, state = render_state(self.object)
        context.update(summary)
        context["object"] = self.object
        context["render"] = state
        context["can_change"] = self.request.user.has_perm("reports.change_conference", self.object)
        context["can_render"] = self.request.user.has_perm("reports.render_conference", self.object)
        context["can_delete"] = self.request.user.has_perm("reports.discard_conference", self.object)
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


# ---------------------------------------------------------------------------
# Corrections of cluster reports and conferences (deleting one recorded by mistake, with a reason)
# ---------------------------------------------------------------------------
def _discard_page(request, *, obj, action, question, back, done, success):
    form = ReasonForm(request.POST if request.method == "POST" else None)
    posted = request.method == "POST" and form.is_valid()
    if posted and attempt(request, lambda: action(reason=form.cleaned_data["reason"]), success=success):
        return HttpResponseRedirect(done)
    status = 400 if request.method == "POST" else 200
    context = {"subject": obj, "form": form, "question": question, "back": back, "submit": _("Delete")}
    return render(request, "portal/confirm.html", context, status=status)


@object_view(ClusterReport.objects.select_related("term__cluster", "term__lead_unit"), "reports.discard_clusterreport")
def cluster_report_delete(request, cluster_report):
    return _discard_page(
        request,
        obj=cluster_report,
        action=lambda reason: discard_cluster_report(cluster_report=cluster_report, by=request.user, reason=reason),
        question=_("Delete this cluster report? It can be compiled again from the members' reports."),
        back=reverse("reports:cluster_report_detail", args=[cluster_report.pk]),
        done=reverse("reports:cluster_report_list"),
        success=_("The cluster report was deleted."),
    )


@object_view(CONFERENCES, "reports.discard_conference")
def conference_delete(request, conference):
    return _discard_page(
        request,
        obj=conference,
        action=lambda reason: discard_conference(conference=conference, by=request.user, reason=reason),
        question=_("Delete this conference with its attendees and PDF summaries? This cannot be undone."),
        back=reverse("reports:conference_detail", args=[conference.pk]),
        done=reverse("reports:conference_list"),
        success=_("The conference was deleted."),
    )
