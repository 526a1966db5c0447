from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, ListView
from rules.contrib.views import PermissionRequiredMixin

from portal.audit import history_for
from portal.imports import ImportFailed
from portal.lists import PAGE_SIZE, FilteredListView
from portal.mixins import ObjectPermissionMixin
from portal.permissions import permission_required
from portal.uploads import UploadRejected
from portal.xlsx import xlsx_response

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
from .rules import can_view_audit

QUEUE_STATES = (ProposalState.SUBMITTED, ProposalState.UNDER_VERIFICATION)


def _proposal(request, pk):
    return get_object_or_404(Proposal, pk=pk)


def _nominee(request, pk):
    return get_object_or_404(Nominee.objects.select_related("proposal"), pk=pk).proposal


def _to_proposal(proposal):
    return HttpResponseRedirect(reverse("awards:proposal_detail", args=[proposal.pk]))


# ---------------------------------------------------------------------------
# Proposals
# ---------------------------------------------------------------------------
class ProposalListView(PermissionRequiredMixin, FilteredListView):
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


class VerificationQueueView(PermissionRequiredMixin, FilteredListView):
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


class ProposalCreateView(PermissionRequiredMixin, CreateView):
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


class ProposalDetailView(ObjectPermissionMixin, DetailView):
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
        if can_view_audit(user):
            context["history"] = history_for(proposal)
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


@require_POST
def proposal_action(request, pk, action):
    """Workflow buttons on the proposal page; each action is a domain transition."""
    proposal = get_object_or_404(Proposal, pk=pk)
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(reverse("awards:proposal_detail", args=[pk]))
    if action in ("return", "notice"):
        permission = "awards.process_proposal"
    elif action in ACTIONS:
        permission = ACTIONS[action][0]
    else:
        raise Http404
    if not request.user.has_perm(permission, proposal):
        raise PermissionDenied
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
@permission_required("awards.change_proposal", object_getter=_proposal)
def nominee_add(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
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
@permission_required("awards.change_proposal", object_getter=_nominee)
def nominee_delete(request, pk):
    nominee = get_object_or_404(Nominee.objects.select_related("proposal"), pk=pk)
    try:
        workflow.remove_nominee(nominee=nominee, by=request.user)
        messages.success(request, _("The nominee was removed."))
    except AwardsError as error:
        messages.error(request, str(error))
    return _to_proposal(nominee.proposal)


@require_POST
@permission_required("awards.process_proposal", object_getter=_nominee)
def nominee_override(request, pk):
    nominee = get_object_or_404(Nominee.objects.select_related("proposal"), pk=pk)
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
@permission_required("awards.change_proposal", object_getter=_proposal)
def document_upload(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
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
    elif request.FILES.get("file") and form.errors.get("file"):
        messages.error(request, form.errors["file"][0])
    else:
        messages.error(request, _("Choose the kind of document and a file."))
    return _to_proposal(proposal)


def _document(request, pk):
    return get_object_or_404(ProposalDocument.objects.select_related("proposal"), pk=pk)


@permission_required("awards.view_proposaldocument", object_getter=_document)
def document_download(request, pk):
    document = _document(request, pk)
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


@require_POST
@permission_required("awards.change_proposal", object_getter=_proposal)
def nominee_import(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    form = ImportForm(request.POST, request.FILES)
    row_errors = None
    if form.is_valid():
        try:
            result = import_nominees(proposal=proposal, uploaded_file=form.cleaned_data["file"], by=request.user)
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
        view = ProposalDetailView(request=request, kwargs={"pk": pk}, object=proposal)
        context = view.get_context_data(object=proposal, row_errors=row_errors)
        return render(request, "awards/proposal_detail.html", context, status=400)
    return _to_proposal(proposal)


@require_POST
@permission_required("awards.process_proposal")
def proposal_from_term(request, term_pk):
    """The office turns a cluster term's nominations into a draft proposal."""
    from clusters.models import Term

    term = get_object_or_404(Term.objects.select_related("cluster", "lead_unit"), pk=term_pk)
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
class SessionListView(PermissionRequiredMixin, ListView):
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


def _session(request, pk):
    return get_object_or_404(CouncilSession, pk=pk)


@permission_required("awards.view_councilsession", object_getter=_session)
def session_detail(request, pk):
    session = _session(request, pk)
    status = 200
    if request.method == "POST":
        if not request.user.has_perm("awards.change_councilsession", session):
            raise PermissionDenied
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
                    (
                        _("Vote recorded for {name}: passed.")
                        if vote.is_passed
                        else _("Vote recorded for {name}: not passed.")
                    ).format(name=nominee.recipient_name),
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
        "history": history_for(session) if can_view_audit(request.user) else None,
    }
    return render(request, "awards/session_detail.html", context, status=status)


# ---------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------
@permission_required("awards.process_proposal", object_getter=_proposal)
def decision_create(request, pk):
    proposal = get_object_or_404(Proposal.objects.select_related("unit"), pk=pk)
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


def _decision_proposal(request, pk):
    return get_object_or_404(Decision.objects.select_related("proposal"), pk=pk).proposal


class DecisionDetailView(ObjectPermissionMixin, DetailView):
    permission_required = "awards.view_decision"
    template_name = "awards/decision_detail.html"

    def get_queryset(self):
        return Decision.objects.select_related("proposal__unit", "created_by")

    def get_permission_object(self):
        return self.get_object().proposal

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["records"] = list(self.object.records.select_related("award", "unit", "person").order_by("pk"))
        context["rejected"] = list(
            self.object.proposal.nominees.filter(outcome="rejected").select_related("award", "person", "unit")
        )
        if can_view_audit(self.request.user):
            context["history"] = history_for(self.object)
        return context


@permission_required("awards.view_decision", object_getter=_decision_proposal)
def decision_docx_view(request, pk):
    decision = get_object_or_404(Decision.objects.select_related("proposal__unit"), pk=pk)
    response = HttpResponse(
        decision_docx(decision),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="quyet-dinh-{decision.pk}.docx"'
    return response


@permission_required("awards.view_decision", object_getter=_decision_proposal)
def decision_annex(request, pk):
    decision = get_object_or_404(Decision, pk=pk)
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
            result = import_history(uploaded_file=form.cleaned_data["file"], by=request.user)
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
