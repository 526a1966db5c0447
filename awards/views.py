from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, ListView

from directory.domain.imports import ImportFailed
from portal.audit import history_visible_to
from portal.lists import PAGE_SIZE, FilteredListView
from portal.mixins import HistoryMixin, ObjectPermissionMixin, PermissionMixin
from portal.permissions import object_view, permission_required
from portal.xlsx import UploadRejected, open_workbook, read_table, xlsx_response

from .domain import AwardsError, workflow
from .domain.council import record_vote
from .domain.decisions import annex_headers, annex_rows, decide, decision_docx
from .domain.documents import upload_document
from .domain.imports import (
    HISTORY_EXAMPLE,
    HISTORY_HEADERS,
    NOMINEE_EXAMPLE,
    NOMINEE_HEADERS,
    import_history,
    import_nominees,
)
from .domain.lookup import unit_histories
from .enums import ProposalState
from .filters import AwardRecordFilterSet, ProposalFilterSet
from .forms import (
    DecisionForm,
    DocumentForm,
    ImportForm,
    NomineeForm,
    NoticeForm,
    OverrideForm,
    ProposalForm,
    ReturnForm,
    SessionForm,
    VoteForm,
)
from .models import AwardRecord, CouncilSession, Decision, Nominee, Proposal, ProposalDocument

QUEUE_STATES = (ProposalState.SUBMITTED, ProposalState.UNDER_VERIFICATION)


PROPOSALS = Proposal.objects.select_related("unit")
NOMINEES = Nominee.objects.select_related("proposal__unit")


def _to_proposal(proposal):
    return HttpResponseRedirect(reverse("awards:proposal_detail", args=[proposal.pk]))


# ---------------------------------------------------------------------------
# Proposals
# ---------------------------------------------------------------------------
class ProposalListView(PermissionMixin, FilteredListView):
    permission_required = "awards.list_proposal"
    filterset_class = ProposalFilterSet
    template_name = "awards/proposal_list.html"

    def get_queryset(self):
        return (
            Proposal.objects.visible_to(self.request.user)
            .select_related("unit")
            .annotate(nominee_count=Count("nominees"))
            .order_by("-year", "-pk")
        )

    def export(self, rows):
        return _proposal_export(rows)


def _proposal_export(proposals):
    headers = [
        _("Dossier title"),
        _("Proposing unit"),
        _("Commendation type"),
        _("Year"),
        _("State"),
        _("Deadline"),
        _("Submitted on"),
        _("Nominees"),
    ]
    rows = (
        [
            p.title,
            p.unit.name,
            p.get_commendation_type_display(),
            p.year,
            p.get_state_display(),
            p.deadline,
            p.submitted_on,
            p.nominee_count,
        ]
        for p in proposals
    )
    return xlsx_response("de-nghi-khen-thuong.xlsx", [(_("Award proposals"), headers, rows)])


class VerificationQueueView(PermissionMixin, FilteredListView):
    permission_required = "awards.process_proposal"
    filterset_class = ProposalFilterSet
    template_name = "awards/queue.html"

    def get_queryset(self):
        return (
            Proposal.objects.visible_to(self.request.user)
            .filter(state__in=QUEUE_STATES)
            .select_related("unit")
            .annotate(nominee_count=Count("nominees"))
            .order_by("submitted_on", "pk")
        )


class ProposalCreateView(PermissionMixin, CreateView):
    permission_required = "awards.add_proposal"
    form_class = ProposalForm
    template_name = "awards/proposal_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        self.object = workflow.create_proposal(by=self.request.user, **data)
        messages.success(self.request, _("The draft proposal was created. Add its nominees and documents."))
        return _to_proposal(self.object)


class ProposalDetailView(ObjectPermissionMixin, HistoryMixin, DetailView):
    permission_required = "awards.view_proposal"
    template_name = "awards/proposal_detail.html"

    def get_queryset(self):
        return Proposal.objects.select_related("unit", "movement_review__movement", "cluster_term__cluster", "decision")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal, user = self.object, self.request.user
        context["nominees"] = list(
            proposal.nominees.select_related("award", "person__unit", "unit", "initiative", "vote", "overridden_by")
        )
        context["documents"] = list(proposal.documents.all())
        context["can_edit"] = user.has_perm("awards.change_proposal", proposal)
        context["can_process"] = user.has_perm("awards.process_proposal", proposal)
        if context["can_edit"]:
            context["missing_documents"] = workflow.missing_documents(proposal)
            context["nominee_form"] = kwargs.get("nominee_form") or NomineeForm(proposal=proposal)
            context["document_form"] = DocumentForm()
            context["import_form"] = ImportForm()
        if context["can_process"]:
            context["return_form"] = ReturnForm()
            context["notice_form"] = NoticeForm()
            context["override_form"] = OverrideForm()
        context["row_errors"] = kwargs.get("row_errors")
        return context


ACTIONS = {
    "submit": (
        "awards.change_proposal",
        lambda request, proposal: workflow.submit(proposal=proposal, by=request.user),
        gettext_lazy("The dossier was submitted to the office."),
    ),
    "verify": (
        "awards.process_proposal",
        lambda request, proposal: workflow.start_verification(proposal=proposal, by=request.user),
        gettext_lazy("Verification started; eligibility was rechecked."),
    ),
    "recheck": (
        "awards.process_proposal",
        lambda request, proposal: workflow.recheck(proposal=proposal, by=request.user),
        gettext_lazy("Eligibility was rechecked."),
    ),
    "council": (
        "awards.process_proposal",
        lambda request, proposal: workflow.send_to_council(proposal=proposal, by=request.user),
        gettext_lazy("The proposal was sent to the council."),
    ),
    "forward": (
        "awards.process_proposal",
        lambda request, proposal: workflow.forward(proposal=proposal, by=request.user),
        gettext_lazy("The proposal was forwarded upward."),
    ),
}


def _action_permission(request, action, **kwargs):
    """The permission a workflow button needs; None (404) for an action that does not exist."""
    if action in ("return", "notice"):
        return "awards.process_proposal"
    return ACTIONS[action][0] if action in ACTIONS else None


@require_POST
@object_view(PROPOSALS, _action_permission)
def proposal_action(request, proposal, action):
    """Workflow buttons on the proposal page; each action is a domain transition."""
    try:
        if action == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                raise AwardsError(_("Write the reasons for returning the dossier."))
            workflow.return_for_completion(proposal=proposal, reasons=form.cleaned_data["reasons"], by=request.user)
            messages.success(request, _("The dossier was returned to the unit for completion."))
        elif action == "notice":
            form = NoticeForm(request.POST)
            if not form.is_valid():
                raise AwardsError(_("Enter the end date of the public notice (dd/mm/yyyy)."))
            workflow.publish_notice(proposal=proposal, until=form.cleaned_data["until"], by=request.user)
            messages.success(request, _("The list was published for public comment."))
        else:
            _permission, run, message = ACTIONS[action]
            run(request, proposal)
            messages.success(request, message)
    except AwardsError as error:
        messages.error(request, str(error))
    return _to_proposal(proposal)


@require_POST
@object_view(PROPOSALS, "awards.change_proposal")
def nominee_add(request, proposal):
    form = NomineeForm(request.POST, proposal=proposal)
    if form.is_valid():
        try:
            workflow.add_nominee(proposal=proposal, by=request.user, **form.cleaned_data)
        except AwardsError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The nominee was added and checked."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return _to_proposal(proposal)


@require_POST
@object_view(NOMINEES, "awards.change_proposal", check_on="proposal")
def nominee_delete(request, nominee):
    try:
        workflow.remove_nominee(nominee=nominee, by=request.user)
        messages.success(request, _("The nominee was removed."))
    except AwardsError as error:
        messages.error(request, str(error))
    return _to_proposal(nominee.proposal)


@require_POST
@object_view(NOMINEES, "awards.process_proposal", check_on="proposal")
def nominee_override(request, nominee):
    form = OverrideForm(request.POST)
    try:
        if not form.is_valid():
            raise AwardsError(_("Write the reason for overriding the check."))
        workflow.override_eligibility(nominee=nominee, reason=form.cleaned_data["reason"], by=request.user)
        messages.success(request, _("The check was overridden; the reason is recorded."))
    except AwardsError as error:
        messages.error(request, str(error))
    return _to_proposal(nominee.proposal)


@require_POST
@object_view(PROPOSALS, "awards.change_proposal")
def document_upload(request, proposal):
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            upload_document(
                proposal=proposal,
                kind=form.cleaned_data["kind"],
                uploaded_file=form.cleaned_data["file"],
                by=request.user,
            )
            messages.success(request, _("The document was attached."))
        except AwardsError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, _("Choose the kind of document and a file."))
    return _to_proposal(proposal)


@object_view(ProposalDocument.objects.select_related("proposal"), "awards.view_proposaldocument")
def document_download(request, document):
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name or f"tai-lieu.{document.extension}",
        content_type=document.content_type,
    )


def _read_upload(form):
    workbook = open_workbook(form.cleaned_data["file"], max_bytes=settings.IMPORT_MAX_BYTES)
    return workbook


@require_POST
@object_view(PROPOSALS, "awards.change_proposal")
def nominee_import(request, proposal):
    form = ImportForm(request.POST, request.FILES)
    row_errors = None
    if form.is_valid():
        try:
            table = read_table(_read_upload(form), headers=NOMINEE_HEADERS, max_rows=settings.IMPORT_MAX_ROWS)
            if not table:
                raise UploadRejected(_("The workbook has no rows to import."))
            result = import_nominees(proposal=proposal, table=table, by=request.user)
        except (UploadRejected, AwardsError) as error:
            messages.error(request, str(error))
        except ImportFailed as failure:
            row_errors = failure.errors
            messages.error(
                request,
                _("Nothing was imported: {count} rows have errors.").format(
                    count=len({error.row for error in row_errors})
                ),
            )
        else:
            messages.success(request, _("{count} nominees were imported and checked.").format(count=result.created))
            return _to_proposal(proposal)
    else:
        messages.error(request, _("Choose an Excel file."))
    if row_errors:
        view = ProposalDetailView(request=request, kwargs={"pk": proposal.pk}, object=proposal)
        context = view.get_context_data(object=proposal, row_errors=row_errors)
        return render(request, "awards/proposal_detail.html", context, status=400)
    return _to_proposal(proposal)


def _terms(request):
    from clusters.models import Term

    return Term.objects.select_related("cluster", "lead_unit")


@require_POST
@object_view(_terms, "awards.process_proposal", kwarg="term_pk")
def proposal_from_term(request, term):
    """The office turns a cluster term's nominations into a draft proposal."""
    try:
        proposal = workflow.propose_from_term(term=term, by=request.user)
    except AwardsError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(reverse("awards:proposal_list"))
    messages.success(request, _("A draft proposal was created from the cluster's nominations."))
    return _to_proposal(proposal)


@permission_required("awards.add_proposal")
def nominee_template(request):
    return xlsx_response("mau-danh-sach-de-nghi.xlsx", [(_("Nominees"), NOMINEE_HEADERS, NOMINEE_EXAMPLE)])


# ---------------------------------------------------------------------------
# Council
# ---------------------------------------------------------------------------
class SessionListView(PermissionMixin, ListView):
    permission_required = "awards.list_councilsession"
    paginate_by = PAGE_SIZE
    template_name = "awards/session_list.html"

    def get_queryset(self):
        return (
            CouncilSession.objects.visible_to(self.request.user)
            .annotate(vote_count=Count("votes"))
            .order_by("-held_on", "-pk")
        )


@permission_required("awards.add_councilsession")
def session_create(request):
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = form.save(commit=False)
        session.created_by = request.user
        session.save()
        messages.success(request, _("The council session was recorded."))
        return HttpResponseRedirect(reverse("awards:session_detail", args=[session.pk]))
    return render(request, "awards/session_form.html", {"form": form}, status=400 if request.method == "POST" else 200)


@object_view(CouncilSession, {"*": "awards.view_councilsession", "POST": "awards.change_councilsession"})
def session_detail(request, session):
    status = 200
    if request.method == "POST":
        form = VoteForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            nominee = Nominee.objects.filter(pk=data.pop("nominee")).first()
            try:
                if nominee is None:
                    raise AwardsError(_("This nominee no longer exists."))
                vote = record_vote(session=session, nominee=nominee, by=request.user, **data)
                messages.success(
                    request,
                    _("Vote recorded for {name}: {result}.").format(
                        name=nominee.recipient_name, result=_("passed") if vote.is_passed else _("not passed")
                    ),
                )
                return HttpResponseRedirect(reverse("awards:session_detail", args=[session.pk]))
            except AwardsError as error:
                messages.error(request, str(error))
        else:
            messages.error(request, _("Enter whole, non-negative vote counts."))
        status = 400
    votes = list(
        session.votes.select_related("nominee__award", "nominee__person", "nominee__unit", "nominee__proposal")
    )
    awaiting = list(
        Nominee.objects.filter(proposal__state=ProposalState.AT_COUNCIL, vote__isnull=True)
        .exclude(award__vote_rule="none")
        .select_related("award", "person", "unit", "proposal__unit")
        .order_by("proposal", "pk")
    )
    context = {
        "session": session,
        "votes": votes,
        "awaiting": awaiting,
        "can_vote": request.user.has_perm("awards.change_councilsession", session),
        "history": history_visible_to(request.user, session),
    }
    return render(request, "awards/session_detail.html", context, status=status)


# ---------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------
@object_view(PROPOSALS, "awards.process_proposal")
def decision_create(request, proposal):
    nominees = list(proposal.nominees.select_related("award", "person", "unit", "vote"))
    form = DecisionForm(request.POST or None, nominees=nominees)
    status = 200
    if proposal.state != ProposalState.PUBLIC_NOTICE:
        messages.error(request, _("Only a proposal under public notice can be decided."))
        return _to_proposal(proposal)
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                decision = decide(
                    proposal=proposal,
                    number=data["number"],
                    signed_on=data["signed_on"],
                    signer=data["signer"],
                    level=data["level"],
                    outcomes=form.outcomes(),
                    by=request.user,
                )
            except AwardsError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The decision was recorded and the award records written."))
                return HttpResponseRedirect(reverse("awards:decision_detail", args=[decision.pk]))
    return render(request, "awards/decision_form.html", {"form": form, "proposal": proposal}, status=status)


DECISIONS = Decision.objects.select_related("proposal__unit", "created_by")


class DecisionDetailView(ObjectPermissionMixin, HistoryMixin, DetailView):
    permission_required = "awards.view_decision"
    permission_through = "proposal"
    template_name = "awards/decision_detail.html"
    queryset = DECISIONS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["records"] = list(self.object.records.select_related("award", "unit", "person").order_by("pk"))
        context["rejected"] = list(
            self.object.proposal.nominees.filter(outcome="rejected").select_related("award", "person", "unit")
        )
        return context


@object_view(DECISIONS, "awards.view_decision", check_on="proposal")
def decision_docx_view(request, decision):
    response = HttpResponse(
        decision_docx(decision),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="quyet-dinh-{decision.pk}.docx"'
    return response


@object_view(DECISIONS, "awards.view_decision", check_on="proposal")
def decision_annex(request, decision):
    return xlsx_response(f"phu-luc-{decision.pk}.xlsx", [(_("Annex"), annex_headers(), annex_rows(decision))])


# ---------------------------------------------------------------------------
# History
# ---------------------------------------------------------------------------
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
        offset = (page_number - 1) * PAGE_SIZE
        rows = list(queryset.order_by("search_text", "-year", "pk")[offset : offset + PAGE_SIZE + 1])
        if query:
            units = unit_histories(query)
    has_next = len(rows) > PAGE_SIZE
    querystring = request.GET.copy()
    querystring.pop("page", None)
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
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            table = read_table(_read_upload(form), headers=HISTORY_HEADERS, max_rows=settings.IMPORT_MAX_ROWS)
            if not table:
                raise UploadRejected(_("The workbook has no rows to import."))
            result = import_history(table=table, by=request.user)
        except UploadRejected as error:
            form.add_error("file", str(error))
        except ImportFailed as failure:
            row_errors = failure.errors
            messages.error(
                request,
                _("Nothing was imported: {count} rows have errors.").format(
                    count=len({error.row for error in row_errors})
                ),
            )
        else:
            messages.success(request, _("{count} award records were imported.").format(count=result.created))
            return HttpResponseRedirect(reverse("awards:lookup"))
    status = 400 if request.method == "POST" else 200
    return render(request, "awards/history_import.html", {"form": form, "row_errors": row_errors}, status=status)


@permission_required("awards.import_awardrecord")
def history_template(request):
    return xlsx_response("mau-lich-su-khen-thuong.xlsx", [(_("Award history"), HISTORY_HEADERS, HISTORY_EXAMPLE)])
