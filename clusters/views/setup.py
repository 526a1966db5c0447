"""The officer's set-up pages: clusters and blocs with their member units, a new term (copied from
last year's), its settings, members, phases and criteria. Thin: every rule is in clusters/domain/setup.py.
"""

from django.db.models import Count, Prefetch, Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.actions import attempt
from portal.lists import FilteredListView
from portal.mixins import ObjectPermissionMixin
from portal.permissions import object_view, permission_required

from ..domain import setup
from ..enums import PhaseKind
from ..filters import ClusterMemberFilterSet, TermMemberFilterSet
from ..forms.setup import (
    ClusterForm,
    ClusterMemberEndForm,
    ClusterMemberForm,
    ConfirmForm,
    CriterionForm,
    GroupForm,
    MoveForm,
    MovePhaseForm,
    PhaseForm,
    TermCreateForm,
    TermMemberForm,
    TermSettingsForm,
)
from ..models import Cluster, ClusterMember, Criterion, CriterionGroup, Phase, TermMember
from .common import TERMS

CLUSTERS = Cluster.objects.select_related("organising_body")
GROUPS = CriterionGroup.objects.select_related(
    "parent", "term__cluster", "term__lead_unit", "term__deputy_unit"
).prefetch_related("term__phases")
CRITERIA = Criterion.objects.select_related(
    "group__parent", "group__term__cluster", "group__term__lead_unit", "group__term__deputy_unit"
)


def _posted(request, *, files=False):
    """The POST data when the request is a POST (even an empty one), else None (an unbound form)."""
    data = request.POST if request.method == "POST" else None
    if files:
        return data, (request.FILES if data is not None else None)
    return data


def _redirect(name, *args, anchor=""):
    return HttpResponseRedirect(reverse(name, args=args) + anchor)


def _form_page(request, *, form, title, back, term=None, cluster=None, submit=None, extra=None, status=200):
    context = {
        "form": form,
        "title": title,
        "back": back,
        "term": term,
        "cluster": cluster or (term.cluster if term is not None else None),
        "submit": submit or _("Save"),
        "needs_reason": term is not None and setup.needs_reason(term=term),
        **(extra or {}),
    }
    return render(request, "clusters/setup/form.html", context, status=status)


def _confirm_page(request, *, question, back, term=None, form=None):
    needs_reason = term is not None and setup.needs_reason(term=term)
    context = {
        "form": (form or ConfirmForm()) if needs_reason else None,
        "question": question,
        "back": back,
        "term": term,
    }
    return render(request, "portal/confirm.html", context)


# ---------------------------------------------------------------------------
# Clusters and blocs
# ---------------------------------------------------------------------------
@permission_required("clusters.add_cluster")
def cluster_create(request):
    form = ClusterForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        created = {}

        def action():
            created["cluster"] = setup.save_cluster(**form.cleaned_data, by=request.user)

        if attempt(request, action, success=_("The cluster or bloc was created.")):
            return _redirect("clusters:cluster_detail", created["cluster"].pk)
    back = reverse("clusters:cluster_list")
    return _form_page(request, form=form, title=_("New cluster or bloc"), back=back)


@object_view(CLUSTERS, "clusters.change_cluster")
def cluster_update(request, cluster):
    form = ClusterForm(_posted(request), instance=cluster)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            lambda: setup.save_cluster(cluster=cluster, **data, by=request.user),
            success=_("The cluster or bloc was saved."),
        ):
            return _redirect("clusters:cluster_detail", cluster.pk)
    back = reverse("clusters:cluster_detail", args=[cluster.pk])
    return _form_page(request, form=form, title=cluster.name, back=back, cluster=cluster)


class ClusterMembersView(ObjectPermissionMixin, FilteredListView):
    """The cluster's member units with their validity; adding one, ending or removing a membership."""

    permission_required = "clusters.change_cluster"
    object_source = CLUSTERS
    filterset_class = ClusterMemberFilterSet
    template_name = "clusters/setup/cluster_members.html"

    def get_queryset(self):
        return (
            ClusterMember.objects.filter(cluster=self.get_object())
            .select_related("unit")
            .order_by("unit__search_text", "from_year", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cluster"] = self.get_object()
        context["form"] = kwargs.get("form") or ClusterMemberForm(initial={"from_year": timezone.localdate().year})
        return context


@object_view(CLUSTERS, "clusters.change_cluster")
def cluster_member_add(request, cluster):
    if request.method != "POST":
        return _redirect("clusters:cluster_members", cluster.pk)
    form = ClusterMemberForm(request.POST)
    if form.is_valid() and attempt(
        request,
        lambda: setup.add_cluster_member(cluster=cluster, **form.cleaned_data, by=request.user),
        success=_("The member unit was added."),
    ):
        return _redirect("clusters:cluster_members", cluster.pk)
    back = reverse("clusters:cluster_members", args=[cluster.pk])
    return _form_page(request, form=form, title=_("Add a member unit"), back=back, cluster=cluster)


MEMBERS = ClusterMember.objects.select_related("cluster", "unit")


@object_view(MEMBERS, "clusters.change_cluster", check_on="cluster")
def cluster_member_end(request, member):
    back = reverse("clusters:cluster_members", args=[member.cluster_id])
    form = ClusterMemberEndForm(_posted(request), initial={"to_year": timezone.localdate().year})
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            lambda: setup.end_cluster_member(member=member, to_year=form.cleaned_data["to_year"], by=request.user),
            success=_("The membership now ends that year."),
        )
    ):
        return HttpResponseRedirect(back)
    title = _("End the membership of {unit}").format(unit=member.unit.name)
    return _form_page(request, form=form, title=title, back=back, cluster=member.cluster)


@object_view(MEMBERS, "clusters.change_cluster", check_on="cluster")
def cluster_member_remove(request, member):
    back = reverse("clusters:cluster_members", args=[member.cluster_id])
    if request.method == "POST":
        attempt(
            request,
            lambda: setup.remove_cluster_member(member=member, by=request.user),
            success=_("The membership was removed."),
        )
        return HttpResponseRedirect(back)
    question = _("Remove the membership of {unit} (from {year})? Use this only for a membership recorded by mistake.")
    return _confirm_page(request, question=question.format(unit=member.unit.name, year=member.from_year), back=back)


# ---------------------------------------------------------------------------
# A new term
# ---------------------------------------------------------------------------
@object_view(CLUSTERS, "clusters.add_term")
def term_create(request, cluster):
    year = _year_asked(request) or _next_year(cluster)
    proposal = setup.propose_term(cluster=cluster, year=year)
    initial = {
        "year": year,
        "lead_unit": proposal.lead_unit,
        "deputy_unit": proposal.deputy_unit,
        "members": [unit.pk for unit in proposal.members],
        "copy_from": proposal.previous,
        "copy_criteria": True,
        "copy_phases": True,
    }
    form = TermCreateForm(_posted(request), initial=initial, cluster=cluster)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        members = list(data.pop("members")) or None
        created = {}

        def action():
            created["term"] = setup.create_term(cluster=cluster, members=members, **data, by=request.user)

        if attempt(request, action, success=_("The term was created.")):
            return _redirect("clusters:term_setup", created["term"].pk)
    return render(
        request,
        "clusters/setup/term_create.html",
        {
            "form": form,
            "cluster": cluster,
            "proposal": proposal,
            "back": reverse("clusters:cluster_detail", args=[cluster.pk]),
        },
    )


def _year_asked(request):
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else None


def _next_year(cluster):
    latest = cluster.terms.order_by("-year").values_list("year", flat=True).first()
    return latest + 1 if latest else timezone.localdate().year


# ---------------------------------------------------------------------------
# A term's settings and members
# ---------------------------------------------------------------------------
@object_view(TERMS, "clusters.change_term")
def term_setup(request, term):
    form = TermSettingsForm(*_posted(request, files=True), instance=term)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        if attempt(
            request,
            lambda: setup.update_term(term=term, **data, reason=reason, by=request.user),
            success=_("The term's settings were saved."),
        ):
            return _redirect("clusters:term_setup", term.pk)
        term.refresh_from_db()
    context = {
        "form": form,
        "term": term,
        "needs_reason": setup.needs_reason(term=term),
        "member_count": TermMember.objects.filter(term=term).count(),
        "phase_count": len(term.phases.all()),
        "criterion_count": Criterion.objects.filter(group__term=term).count(),
        "check": setup.total_check(term=term),
    }
    return render(request, "clusters/setup/term_setup.html", context)


class TermMembersView(ObjectPermissionMixin, FilteredListView):
    permission_required = "clusters.change_term"
    object_source = TERMS
    filterset_class = TermMemberFilterSet
    template_name = "clusters/setup/term_members.html"

    def get_queryset(self):
        return (
            TermMember.objects.filter(term=self.get_object())
            .select_related("unit")
            .annotate(score_count=Count("unit__sheets__scores", filter=Q(unit__sheets__term=self.get_object())))
            .order_by("unit__search_text", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        term = self.get_object()
        context["term"] = term
        context["form"] = TermMemberForm()
        context["needs_reason"] = setup.needs_reason(term=term)
        return context


@object_view(TERMS, "clusters.change_term")
def term_member_add(request, term):
    if request.method != "POST":
        return _redirect("clusters:term_members", term.pk)
    form = TermMemberForm(request.POST)
    if form.is_valid() and attempt(
        request,
        lambda: setup.add_term_member(
            term=term, unit=form.cleaned_data["unit"], reason=form.cleaned_data["reason"], by=request.user
        ),
        success=_("The member was added."),
    ):
        return _redirect("clusters:term_members", term.pk)
    back = reverse("clusters:term_members", args=[term.pk])
    return _form_page(request, form=form, title=_("Add a member"), back=back, term=term)


TERM_MEMBERS = TermMember.objects.select_related("unit", "term__cluster", "term__lead_unit", "term__deputy_unit")


@object_view(TERM_MEMBERS, "clusters.change_term", check_on="term")
def term_member_remove(request, membership):
    term = membership.term
    back = reverse("clusters:term_members", args=[term.pk])
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        attempt(
            request,
            lambda: setup.remove_term_member(
                membership=membership, reason=form.cleaned_data["reason"], by=request.user
            ),
            success=_("The member was removed."),
        )
        return HttpResponseRedirect(back)
    question = _("Remove {unit} from this term's members? Its empty sheet is removed too.").format(
        unit=membership.unit.name
    )
    return _confirm_page(request, question=question, back=back, term=term, form=form)


# ---------------------------------------------------------------------------
# Phases
# ---------------------------------------------------------------------------
@object_view(TERMS, "clusters.change_term")
def term_phases(request, term):
    form = PhaseForm(_posted(request))
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            lambda: setup.save_phase(term=term, **form.cleaned_data, by=request.user),
            success=_("The phase dates were saved."),
        )
    ):
        return _redirect("clusters:term_phases", term.pk)
    phases = {phase.kind: phase for phase in Phase.objects.filter(term=term)}
    rows = [(kind, label, phases.get(kind)) for kind, label in PhaseKind.choices]
    context = {
        "term": term,
        "rows": rows,
        "form": form,
        "move_form": MovePhaseForm(),
        "needs_reason": setup.needs_reason(term=term),
        "today": timezone.localdate(),
    }
    return render(request, "clusters/setup/term_phases.html", context)


@object_view(TERMS, "clusters.change_term")
def phase_move(request, term):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MovePhaseForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: setup.move_to_phase(
                term=term, kind=form.cleaned_data["kind"], reason=form.cleaned_data["reason"], by=request.user
            ),
            success=_("The term moved to the chosen phase."),
        )
    else:
        attempt(request, lambda: _refuse(form))
    return _redirect("clusters:term_phases", term.pk)


def _refuse(form):
    from ..domain.errors import ClustersError

    raise ClustersError(" ".join(str(message) for errors in form.errors.values() for message in errors))


PHASES = Phase.objects.select_related("term__cluster", "term__lead_unit", "term__deputy_unit")


@object_view(PHASES, "clusters.change_term", check_on="term")
def phase_delete(request, phase):
    back = reverse("clusters:term_phases", args=[phase.term_id])
    form = ConfirmForm(_posted(request))
    if request.method == "POST":
        if form.is_valid():
            attempt(
                request,
                lambda: setup.delete_phase(phase=phase, reason=form.cleaned_data["reason"], by=request.user),
                success=_("The phase was deleted."),
            )
        return HttpResponseRedirect(back)
    question = _("Delete this phase ({start} – {end}) from the schedule?").format(
        start=phase.starts_on.strftime("%d/%m/%Y"), end=phase.ends_on.strftime("%d/%m/%Y")
    )
    return _confirm_page(request, question=question, back=back, term=phase.term, form=form)


# ---------------------------------------------------------------------------
# Criteria
# ---------------------------------------------------------------------------
@object_view(TERMS, "clusters.change_term")
def term_criteria(request, term):
    ordered = Criterion.objects.order_by("position", "pk")
    groups = list(
        CriterionGroup.objects.filter(term=term, parent__isnull=True)
        .order_by("position", "pk")
        .prefetch_related(
            Prefetch("criteria", queryset=ordered),
            Prefetch(
                "children",
                queryset=CriterionGroup.objects.order_by("position", "pk").prefetch_related(
                    Prefetch("criteria", queryset=ordered)
                ),
            ),
        )
    )
    context = {
        "term": term,
        "groups": groups,
        "check": setup.total_check(term=term),
        "locked_reason": term.criteria_locked_reason(),
        "group_form": GroupForm(term=term),
        "move_form": MoveForm(),
        "needs_reason": setup.needs_reason(term=term),
    }
    return render(request, "clusters/setup/term_criteria.html", context)


def _criteria_back(term):
    return reverse("clusters:term_criteria", args=[term.pk])


@object_view(TERMS, "clusters.change_term")
def group_create(request, term):
    form = GroupForm(_posted(request), term=term)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            lambda: setup.save_group(term=term, **form.cleaned_data, by=request.user),
            success=_("The criteria group was saved."),
        )
    ):
        return HttpResponseRedirect(_criteria_back(term))
    return _form_page(request, form=form, title=_("New criteria group"), back=_criteria_back(term), term=term)


@object_view(GROUPS, "clusters.change_term", check_on="term")
def group_update(request, group):
    term = group.term
    form = GroupForm(_posted(request), term=term, group=group, initial={"title": group.title, "parent": group.parent})
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            lambda: setup.save_group(term=term, group=group, **form.cleaned_data, by=request.user),
            success=_("The criteria group was saved."),
        )
    ):
        return HttpResponseRedirect(_criteria_back(term))
    return _form_page(request, form=form, title=group.title, back=_criteria_back(term), term=term)


@object_view(GROUPS, "clusters.change_term", check_on="term")
def group_delete(request, group):
    term = group.term
    form = ConfirmForm(_posted(request))
    if request.method == "POST":
        if form.is_valid():
            attempt(
                request,
                lambda: setup.delete_group(group=group, reason=form.cleaned_data["reason"], by=request.user),
                success=_("The criteria group was deleted."),
            )
        return HttpResponseRedirect(_criteria_back(term))
    question = _("Delete the group “{title}” with its sub-groups and criteria?").format(title=group.title)
    return _confirm_page(request, question=question, back=_criteria_back(term), term=term, form=form)


@object_view(GROUPS, "clusters.change_term", check_on="term")
def group_move(request, group):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MoveForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        attempt(request, lambda: setup.move_group(group=group, **data, by=request.user))
    return HttpResponseRedirect(_criteria_back(group.term))


def _criterion_page(request, *, form, term, title, criterion=None):
    others = Criterion.objects.filter(group__term=term).exclude(kind="deduction")
    if criterion is not None:
        others = others.exclude(pk=criterion.pk)
    extra = {
        "check": setup.total_check(term=term),
        "other_total": sum((row.max_points for row in others.only("max_points")), start=0),
        "criterion_page": True,
    }
    return _form_page(request, form=form, title=title, back=_criteria_back(term), term=term, extra=extra)


@object_view(TERMS, "clusters.change_term")
def criterion_create(request, term):
    group_id = request.GET.get("group", "")
    initial = {"group": int(group_id)} if group_id.isdigit() and len(group_id) < 10 else {}
    form = CriterionForm(_posted(request), term=term, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            lambda: setup.save_criterion(group=data["group"], **form.values(), reason=data["reason"], by=request.user),
            success=_("The criterion was saved."),
        ):
            return HttpResponseRedirect(_criteria_back(term))
    return _criterion_page(request, form=form, term=term, title=_("New criterion"))


@object_view(CRITERIA, "clusters.change_term", check_on="group.term")
def criterion_update(request, criterion):
    term = criterion.group.term
    form = CriterionForm(_posted(request), instance=criterion, term=term)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            lambda: setup.save_criterion(
                group=data["group"], criterion=criterion, **form.values(), reason=data["reason"], by=request.user
            ),
            success=_("The criterion was saved."),
        ):
            return HttpResponseRedirect(_criteria_back(term))
        criterion.refresh_from_db()
    return _criterion_page(request, form=form, term=term, title=str(criterion), criterion=criterion)


@object_view(CRITERIA, "clusters.change_term", check_on="group.term")
def criterion_delete(request, criterion):
    term = criterion.group.term
    form = ConfirmForm(_posted(request))
    if request.method == "POST":
        if form.is_valid():
            attempt(
                request,
                lambda: setup.delete_criterion(
                    criterion=criterion, reason=form.cleaned_data["reason"], by=request.user
                ),
                success=_("The criterion was deleted."),
            )
        return HttpResponseRedirect(_criteria_back(term))
    question = _("Delete the criterion “{title}”?").format(title=str(criterion))
    return _confirm_page(request, question=question, back=_criteria_back(term), term=term, form=form)


@object_view(CRITERIA, "clusters.change_term", check_on="group.term")
def criterion_move(request, criterion):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MoveForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        attempt(request, lambda: setup.move_criterion(criterion=criterion, **data, by=request.user))
    return HttpResponseRedirect(_criteria_back(criterion.group.term))
