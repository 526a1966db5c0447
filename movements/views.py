from django.contrib import messages
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, UpdateView

from portal.actions import attempt
from portal.errors import DomainError
from portal.lists import FilteredListView, related_count
from portal.mixins import HistoryMixin, ObjectPermissionMixin, PermissionMixin
from portal.numbers import format_number
from portal.permissions import object_view

from .domain import MovementClosed
from .domain.progress import correct_progress, record_progress, statuses_for, withdraw_progress
from .domain.registrations import (
    register_unit,
    registration_overview,
    reminder_feedback,
    reminder_outcome,
    request_reminders,
)
from .domain.reviews import add_honouree, record_review
from .domain.targets import correct_target, current_targets, remove_target
from .domain.workflow import (
    ACTION_LABELS,
    REACHED_MESSAGES,
    change_state,
    delete_draft,
    next_states,
    reopen_movement,
)
from .enums import MovementState
from .exports import movement_list_export, movement_targets_export
from .filters import MovementFilterSet
from .forms import (
    DocumentForm,
    HonoureeForm,
    MovementForm,
    ProgressForm,
    ReasonForm,
    RegistrationForm,
    ReviewForm,
    TargetForm,
)
from .models import Movement, MovementDocument, MovementReview, ProgressEntry, Registration, Target
from .rules import is_officer


def visible_movements(request):
    """The movements this user may see (drafts are for officers); any other answers 404."""
    return Movement.objects.visible_to(request.user).select_related("lead_unit")


def visible_targets(request):
    """The current (not removed) targets of the movements this user may see."""
    return Target.objects.filter(
        movement__in=Movement.objects.visible_to(request.user), removed_at__isnull=True
    ).select_related("movement__lead_unit")


def visible_entries(request):
    """The progress entries of the current targets this user may see."""
    return ProgressEntry.objects.filter(target__in=visible_targets(request)).select_related(
        "target__movement__lead_unit"
    )


def visible_reviews(request):
    return MovementReview.objects.filter(movement__in=Movement.objects.visible_to(request.user)).select_related(
        "movement__lead_unit"
    )


def visible_documents(request):
    return MovementDocument.objects.exclude(file="").filter(movement__in=Movement.objects.visible_to(request.user))


def closed_redirect(request, movement):
    messages.error(request, MovementClosed().message)
    return redirect("movements:movement_detail", movement.pk)


# ---------------------------------------------------------------------------
# Movements
# ---------------------------------------------------------------------------
def _current_target_count():
    """The movement's current (not removed) targets, as a correlated subquery like `related_count`:
    counted for the page's rows only, never by a GROUP BY over every movement, target and
    registration (a join of both lists multiplied the rows before DISTINCT took them apart)."""
    current = (
        Target.objects.filter(movement=OuterRef("pk"), removed_at__isnull=True)
        .order_by()
        .values("movement")
        .annotate(n=Count("pk"))
    )
    return Coalesce(Subquery(current.values("n"), output_field=IntegerField()), 0)


class MovementListView(PermissionMixin, FilteredListView):
    permission_required = "movements.view_movement"
    filterset_class = MovementFilterSet
    template_name = "movements/movement_list.html"

    def get_queryset(self):
        return (
            Movement.objects.visible_to(self.request.user)
            .select_related("lead_unit")
            .annotate(target_count=_current_target_count(), registration_count=related_count(Registration, "movement"))
            .order_by("search_text", "pk")
        )

    def export(self, rows):
        return movement_list_export(rows, request=self.request, filterset=self.filterset)


def targets_with_progress(movement):
    return list(
        current_targets(movement).prefetch_related(
            Prefetch(
                "progress",
                queryset=ProgressEntry.objects.select_related("unit", "withdrawn_by").order_by("recorded_on", "pk"),
            )
        )
    )


class MovementDetailView(ObjectPermissionMixin, HistoryMixin, DetailView):
    permission_required = "movements.view_movement"
    template_name = "movements/movement_detail.html"

    def history_children(self, movement):
        """Targets (removed ones too), progress values (withdrawn ones too), documents, registrations
        and reviews belong to the movement's history."""
        return [
            Target.objects.filter(movement=movement),
            ProgressEntry.objects.filter(target__movement=movement),
            MovementDocument.objects.filter(movement=movement),
            Registration.objects.filter(movement=movement),
            MovementReview.objects.filter(movement=movement),
        ]

    def get_queryset(self):
        return Movement.objects.visible_to(self.request.user).select_related(
            "lead_unit", "standing_unit", "state_changed_by"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        movement, user = self.object, self.request.user
        is_open = not movement.is_closed
        context["statuses"] = statuses_for(movement, targets_with_progress(movement))
        context["documents"] = list(movement.documents.all())
        context["reviews"] = list(movement.reviews.annotate(honouree_count=Count("honourees")))
        context["participant_count"] = movement.participants.count()
        context["can_change"] = is_open and user.has_perm("movements.change_movement", movement)
        context["can_add_target"] = is_open and user.has_perm("movements.add_target")
        context["can_change_target"] = is_open and user.has_perm("movements.change_target")
        context["can_add_document"] = is_open and user.has_perm("movements.add_movementdocument")
        context["can_record_progress"] = is_open and user.has_perm("movements.record_progress_movement", movement)
        # Whoever records progress corrects it: the lead unit's officers and the office.
        context["can_correct_progress"] = context["can_record_progress"]
        context["can_remove_target"] = is_open and user.has_perm("movements.delete_target")
        context["can_reopen"] = movement.is_closed and user.has_perm("movements.reopen_movement", movement)
        context["can_delete"] = movement.is_draft and user.has_perm("movements.delete_movement", movement)
        context["can_add_review"] = (
            is_open and movement.state != MovementState.DRAFT and user.has_perm("movements.add_movementreview")
        )
        context["can_register"] = (
            movement.is_open_for_registration
            and user.has_perm("movements.register_movement", movement)
            and (is_officer(user) or user.unit_id is not None)
        )
        if is_open and user.has_perm("movements.transition_movement", movement):
            context["transitions"] = [(state, ACTION_LABELS[state]) for state in next_states(movement)]
        if user.has_perm("movements.follow_registrations_movement", movement):
            context["registrations"], context["unregistered"] = registration_overview(movement)
            context["reminder_outcome"] = reminder_outcome(movement)
            context["can_remind"] = is_open and bool(context["unregistered"])
        elif user.unit_id:
            context["own_registration"] = (
                Registration.objects.filter(movement=movement, unit_id=user.unit_id).select_related("unit").first()
            )
        return context


class MovementFormMixin(ObjectPermissionMixin):
    model = Movement
    form_class = MovementForm
    template_name = "movements/movement_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The movement was saved."))
        return response

    def get_success_url(self):
        return reverse("movements:movement_detail", args=[self.object.pk])


class MovementCreateView(MovementFormMixin, CreateView):
    permission_required = "movements.add_movement"


class MovementUpdateView(MovementFormMixin, UpdateView):
    permission_required = "movements.change_movement"

    def get_queryset(self):
        return Movement.objects.visible_to(self.request.user)

    def get(self, request, *args, **kwargs):
        if self.get_object().is_closed:
            return closed_redirect(request, self.get_object())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.get_object().is_closed:
            return closed_redirect(request, self.get_object())
        return super().post(request, *args, **kwargs)


@require_POST
@object_view(visible_movements, "movements.transition_movement")
def movement_transition(request, movement):
    target_state = request.POST.get("to", "")
    if target_state not in MovementState.values:
        messages.error(request, _("Unknown state."))
        return redirect("movements:movement_detail", movement.pk)
    try:
        movement = change_state(movement=movement, to=target_state, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, REACHED_MESSAGES[MovementState(movement.state)])
    return redirect("movements:movement_detail", movement.pk)


@object_view(visible_movements, "movements.view_movement")
def movement_export(request, movement):
    """The movement's targets (latest value and percentage) and every progress value, as .xlsx."""
    return movement_targets_export(movement, statuses_for(movement, targets_with_progress(movement)), request=request)


# ---------------------------------------------------------------------------
# Targets and progress
# ---------------------------------------------------------------------------
@object_view(visible_movements, "movements.add_target")
def target_create(request, movement):
    if movement.is_closed:
        return closed_redirect(request, movement)
    form = TargetForm(request.POST or None, movement=movement)
    if request.method == "POST" and form.is_valid():
        form.instance.position = current_targets(movement).count()
        form.save()
        messages.success(request, _("The target was added."))
        return redirect("movements:movement_detail", movement.pk)
    title = _("New target")
    status = 400 if request.method == "POST" else 200
    return render(request, "movements/form.html", {"form": form, "movement": movement, "title": title}, status=status)


@object_view(visible_targets, "movements.change_target")
def target_update(request, target):
    movement = target.movement
    if movement.is_closed:
        return closed_redirect(request, movement)
    form = TargetForm(request.POST or None, instance=target, movement=movement)
    if request.method == "POST" and form.is_valid():
        try:
            correct_target(target=form.instance, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The target was saved."))
            return redirect("movements:movement_detail", movement.pk)
    context = {"form": form, "movement": movement, "title": _("Edit target")}
    return render(request, "movements/form.html", context, status=400 if request.method == "POST" else 200)


@object_view(visible_targets, "movements.add_progressentry")
def progress_create(request, target):
    movement = target.movement
    if movement.is_closed:
        return closed_redirect(request, movement)
    form = ProgressForm(request.POST or None, movement=movement)
    if request.method == "POST" and form.is_valid():
        try:
            record_progress(
                target=target,
                recorded_on=form.cleaned_data["recorded_on"],
                value=form.cleaned_data["value"],
                source=form.cleaned_data["source"],
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The progress value was recorded."))
            return redirect("movements:movement_detail", movement.pk)
    title = _("Record progress: {indicator}").format(indicator=target.indicator)
    context = {"form": form, "movement": movement, "title": title, "target": target}
    return render(request, "movements/form.html", context, status=400 if request.method == "POST" else 200)


# ---------------------------------------------------------------------------
# Registrations
# ---------------------------------------------------------------------------
@object_view(visible_movements, "movements.register_movement")
def registration_edit(request, movement):
    """A unit officer registers their own unit (or updates its registration); officers pick the unit."""
    if movement.is_closed:
        return closed_redirect(request, movement)
    if not movement.is_open_for_registration:
        messages.error(request, _("Units can register once the movement has been launched."))
        return redirect("movements:movement_detail", movement.pk)
    chooses_unit = is_officer(request.user)
    if not chooses_unit and request.user.unit_id is None:
        messages.error(request, _("Your account belongs to no unit: ask an administrator."))
        return redirect("movements:movement_detail", movement.pk)
    existing = None if chooses_unit else Registration.objects.filter(movement=movement, unit=request.user.unit).first()
    form = RegistrationForm(request.POST or None, instance=existing, can_choose_unit=chooses_unit)
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"] if chooses_unit else request.user.unit
        try:
            register_unit(
                movement=movement,
                unit=unit,
                commitments=form.cleaned_data["commitments"],
                aimed_titles=form.cleaned_data["aimed_titles"],
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("{unit} is registered for this movement.").format(unit=unit))
            return redirect("movements:movement_detail", movement.pk)
    title = _("Register for the movement") if existing is None else _("Update the registration")
    context = {"form": form, "movement": movement, "title": title}
    return render(request, "movements/form.html", context, status=400 if request.method == "POST" else 200)


@require_POST
@object_view(visible_movements, "movements.follow_registrations_movement")
def registration_remind(request, movement):
    try:
        requested = request_reminders(movement=movement, by=request.user, portal_url=request.build_absolute_uri("/"))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        if not requested:
            messages.info(request, _("Every participating unit has registered."))
        else:
            # In embedded mode the task has run by now: say what it did. With a worker, say that
            # the result will be on the page once the worker has sent them.
            movement.refresh_from_db()
            for level, text in reminder_feedback(movement, requested=requested):
                messages.add_message(request, level, text)
    return redirect("movements:movement_detail", movement.pk)


# ---------------------------------------------------------------------------
# Reviews
# ---------------------------------------------------------------------------
@object_view(visible_movements, "movements.add_movementreview")
def review_create(request, movement):
    if movement.is_closed:
        return closed_redirect(request, movement)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = record_review(movement=movement, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The review was recorded."))
            return redirect("movements:review_detail", review.pk)
    context = {"form": form, "movement": movement, "title": _("New review")}
    return render(request, "movements/form.html", context, status=400 if request.method == "POST" else 200)


class ReviewDetailView(ObjectPermissionMixin, HistoryMixin, DetailView):
    permission_required = "movements.view_movementreview"
    template_name = "movements/review_detail.html"
    context_object_name = "review"

    def get_queryset(self):
        return visible_reviews(self.request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review, user = self.object, self.request.user
        context["movement"] = review.movement
        context["honourees"] = list(review.honourees.select_related("unit", "person__unit"))
        if not review.movement.is_closed and user.has_perm("movements.add_reviewhonouree"):
            context["honouree_form"] = HonoureeForm()
        return context


@require_POST
@object_view(visible_reviews, "movements.add_reviewhonouree")
def honouree_create(request, review):
    if review.movement.is_closed:
        return closed_redirect(request, review.movement)
    form = HonoureeForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: add_honouree(review=review, by=request.user, **form.cleaned_data),
            success=_("The outstanding collective or individual was added."),
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("movements:review_detail", review.pk)


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------
@object_view(visible_movements, "movements.add_movementdocument")
def document_create(request, movement):
    if movement.is_closed:
        return closed_redirect(request, movement)
    form = DocumentForm(request.POST or None, request.FILES or None, instance=MovementDocument(movement=movement))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The document was attached."))
        return redirect("movements:movement_detail", movement.pk)
    context = {"form": form, "movement": movement, "title": _("Attach a document"), "multipart": True}
    return render(request, "movements/form.html", context, status=400 if request.method == "POST" else 200)


@object_view(visible_documents, "movements.view_movementdocument")
def document_download(request, document):
    """The attached file, only for those who may see its movement (media files are not public)."""
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])


# ---------------------------------------------------------------------------
# Corrections (issue 11, part "movements"): progress edited or withdrawn, targets corrected or
# removed, a closed movement reopened, a draft deleted; each with a reason the history shows.
# ---------------------------------------------------------------------------
def _confirm(request, *, movement, title, question, form, danger=True, status=200):
    context = {
        "subject": movement.name,
        "title": title,
        "question": question,
        "form": form,
        "safe": not danger,
        "back": reverse("movements:movement_detail", args=[movement.pk])
        if movement.pk
        else reverse("movements:movement_list"),
    }
    return render(request, "portal/confirm.html", context, status=status)


@object_view(visible_entries, "movements.change_progressentry")
def progress_update(request, entry):
    """Correct a progress value (date, value, source) with a reason; the chart follows."""
    movement = entry.target.movement
    if movement.is_closed:
        return closed_redirect(request, movement)
    if entry.is_withdrawn:
        messages.error(request, _("This progress value has been withdrawn: it can no longer be changed."))
        return redirect("movements:movement_detail", movement.pk)
    form = ProgressForm(request.POST or None, instance=entry, movement=movement, correcting=True)
    if request.method == "POST" and form.is_valid():
        try:
            correct_progress(
                entry=entry,
                recorded_on=form.cleaned_data["recorded_on"],
                value=form.cleaned_data["value"],
                source=form.cleaned_data["source"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The progress value was corrected."))
            return redirect("movements:movement_detail", movement.pk)
    title = _("Correct a progress value: {indicator}").format(indicator=entry.target.indicator)
    context = {"form": form, "movement": movement, "title": title, "target": entry.target}
    return render(request, "movements/form.html", context, status=400 if request.method == "POST" else 200)


@object_view(visible_entries, "movements.withdraw_progressentry")
def progress_withdraw(request, entry):
    """Withdraw a wrong progress value after a confirmation with a reason; it stays in the history."""
    movement = entry.target.movement
    if movement.is_closed:
        return closed_redirect(request, movement)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            request,
            lambda: withdraw_progress(entry=entry, reason=form.cleaned_data["reason"], by=request.user),
            success=_("The progress value was withdrawn: it no longer counts in the chart and the percentages."),
        )
        if done:
            return redirect("movements:movement_detail", movement.pk)
    question = _("Withdraw the value {value} {unit} of {day} for “{indicator}”? It stays in the history.").format(
        value=format_number(entry.value),
        unit=entry.target.unit_of_measure,
        day=date_format(entry.recorded_on, "SHORT_DATE_FORMAT"),
        indicator=entry.target.indicator,
    )
    status = 400 if request.method == "POST" else 200
    return _confirm(
        request, movement=movement, title=_("Withdraw a progress value"), question=question, form=form, status=status
    )


@object_view(visible_targets, "movements.delete_target")
def target_remove(request, target):
    """Remove a target from the movement (kept for the history) after a confirmation with a reason."""
    movement = target.movement
    if movement.is_closed:
        return closed_redirect(request, movement)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            request,
            lambda: remove_target(target=target, reason=form.cleaned_data["reason"], by=request.user),
            success=_("The target was removed."),
        )
        if done:
            return redirect("movements:movement_detail", movement.pk)
    question = _("Remove the target “{indicator}” from this movement? Its values stay in the history.").format(
        indicator=target.indicator
    )
    status = 400 if request.method == "POST" else 200
    return _confirm(request, movement=movement, title=_("Remove a target"), question=question, form=form, status=status)


@object_view(visible_movements, "movements.reopen_movement")
def movement_reopen(request, movement):
    """An officer reopens a closed movement, with a reason."""
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            request,
            lambda: reopen_movement(movement=movement, reason=form.cleaned_data["reason"], by=request.user),
            success=_("The movement has been reopened: it is running again."),
        )
        if done:
            return redirect("movements:movement_detail", movement.pk)
    question = _("Reopen the movement “{name}”? It runs again and its data can be corrected.").format(
        name=movement.name
    )
    status = 400 if request.method == "POST" else 200
    return _confirm(
        request,
        movement=movement,
        title=_("Reopen the movement"),
        question=question,
        form=form,
        danger=False,
        status=status,
    )


@object_view(visible_movements, "movements.delete_movement")
def movement_delete(request, movement):
    """Delete a draft movement after a confirmation page."""
    if not movement.is_draft:
        messages.error(request, _("Only a draft movement can be deleted; a launched one can be closed."))
        return redirect("movements:movement_detail", movement.pk)
    form = ReasonForm(request.POST or None)
    form.fields["reason"].required = False
    form.fields["reason"].label = _("Reason (optional)")
    if request.method == "POST" and form.is_valid():
        name = movement.name
        done = attempt(
            request,
            lambda: delete_draft(movement=movement, reason=form.cleaned_data["reason"], by=request.user),
            success=_("The draft movement “{name}” was deleted.").format(name=name),
        )
        if done:
            return redirect("movements:movement_list")
    question = _("Delete the draft movement “{name}” with its targets and documents? This cannot be undone.").format(
        name=movement.name
    )
    return _confirm(request, movement=movement, title=_("Delete the draft movement"), question=question, form=form)
