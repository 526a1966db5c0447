from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, UpdateView

from portal.actions import import_upload
from portal.lists import FilteredListView
from portal.mixins import HistoryMixin, ObjectPermissionMixin, PermissionMixin
from portal.permissions import permission_required
from portal.widgets import autocomplete_response
from portal.xlsx import xlsx_response

from .domain import duplicates, imports
from .domain.lineage import lineage_ids, successor_chain
from .enums import UnitKind
from .exports import person_export, unit_export
from .fields import person_label
from .filters import PersonFilterSet, UnitFilterSet
from .forms import ImportForm, PersonForm, UnitForm
from .models import DutyRating, Person, Unit

DETAIL_LIST_LIMIT = 50


def person_ratings(user, person):
    """The person's ratings of duty completion by year, for those who may list ratings (one query)."""
    if not user.has_perm("directory.list_dutyrating"):
        return {"ratings": None}
    ratings = list(DutyRating.objects.visible_to(user).filter(person=person).order_by("-year"))
    return {"ratings": ratings, "can_rate": user.has_perm("directory.change_dutyrating", DutyRating(person=person))}


def unit_ratings(user, unit):
    """The collective's ratings by year, with those of the units merged into it (`ratings.ratings_for_unit`
    reads them the same way; the page shows each row and which unit it was given to)."""
    if not user.has_perm("directory.list_dutyrating"):
        return {"ratings": None}
    ratings = list(
        DutyRating.objects.visible_to(user)
        .filter(unit_id__in=lineage_ids(unit))
        .select_related("unit")
        .order_by("-year", "unit__search_text")
    )
    return {
        "ratings": ratings,
        "rating_from_predecessor": any(rating.unit_id != unit.pk for rating in ratings),
        "can_rate": user.has_perm("directory.change_dutyrating", DutyRating(unit=unit)),
    }


class UnitListView(PermissionMixin, FilteredListView):
    permission_required = "directory.view_unit"
    filterset_class = UnitFilterSet
    template_name = "directory/unit_list.html"

    def get_queryset(self):
        return Unit.objects.visible_to(self.request.user).select_related("parent", "successor")

    def export(self, rows):
        return unit_export(rows, request=self.request, filterset=self.filterset)


class UnitDetailView(ObjectPermissionMixin, HistoryMixin, DetailView):
    permission_required = "directory.view_unit"
    template_name = "directory/unit_detail.html"

    def get_queryset(self):
        return Unit.objects.visible_to(self.request.user).select_related("parent", "successor__successor__successor")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.object
        user = self.request.user
        context["successors"] = successor_chain(unit)
        context["predecessors"] = list(
            unit.predecessors.annotate(predecessor_count=Count("predecessors")).order_by("search_text")
        )
        context["children_count"] = unit.children.count()
        context["children"] = list(unit.children.order_by("search_text")[:DETAIL_LIST_LIMIT])
        if user.has_perm("directory.list_person"):
            people = Person.objects.visible_to(user).filter(unit=unit)
            context["people_count"] = people.count()
            context["people"] = list(people[:DETAIL_LIST_LIMIT])
        context["can_change"] = user.has_perm("directory.change_unit", unit)
        context.update(unit_ratings(user, unit))
        return context


class UnitFormMixin(ObjectPermissionMixin):
    model = Unit
    form_class = UnitForm
    template_name = "directory/unit_form.html"

    def get_success_url(self):
        messages.success(self.request, _("The unit was saved."))
        return reverse("directory:unit_detail", args=[self.object.pk])


class UnitCreateView(UnitFormMixin, CreateView):
    permission_required = "directory.add_unit"


class UnitUpdateView(UnitFormMixin, UpdateView):
    permission_required = "directory.change_unit"


class PersonListView(PermissionMixin, FilteredListView):
    permission_required = "directory.list_person"
    filterset_class = PersonFilterSet
    template_name = "directory/person_list.html"

    def get_queryset(self):
        return Person.objects.visible_to(self.request.user).select_related("unit")

    def export(self, rows):
        return person_export(rows, request=self.request, filterset=self.filterset)


class PersonDetailView(ObjectPermissionMixin, HistoryMixin, DetailView):
    permission_required = "directory.view_person"
    template_name = "directory/person_detail.html"

    def get_queryset(self):
        return Person.objects.select_related("unit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = self.request.user.has_perm("directory.change_person", self.object)
        context.update(person_ratings(self.request.user, self.object))
        return context


class PersonFormMixin(ObjectPermissionMixin):
    model = Person
    form_class = PersonForm
    template_name = "directory/person_form.html"

    def get_success_url(self):
        messages.success(self.request, _("The person was saved."))
        return reverse("directory:person_detail", args=[self.object.pk])


class PersonCreateView(PersonFormMixin, CreateView):
    permission_required = "directory.add_person"


class PersonUpdateView(PersonFormMixin, UpdateView):
    permission_required = "directory.change_person"


@permission_required("directory.import_unit")
def import_template(request, kind):
    if kind == ImportForm.UNITS:
        return xlsx_response("mau-nhap-don-vi.xlsx", [(_("Units"), imports.UNIT_HEADERS, imports.UNIT_EXAMPLE)])
    return xlsx_response("mau-nhap-ca-nhan.xlsx", [(_("People"), imports.PERSON_HEADERS, imports.PERSON_EXAMPLE)])


@permission_required("directory.import_unit")
def import_directory(request):
    """Upload an .xlsx of units or people; every row is checked before anything is written."""
    row_errors = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            kind = form.cleaned_data["kind"]
            run = imports.import_units if kind == ImportForm.UNITS else imports.import_people
            result, row_errors = import_upload(request, form, lambda **upload: run(by=request.user, **upload))
            if result is not None:
                target = "directory:unit_list" if kind == ImportForm.UNITS else "directory:person_list"
                return HttpResponseRedirect(reverse(target))
    else:
        form = ImportForm(initial={"kind": ImportForm.UNITS})
    status = 400 if request.method == "POST" else 200
    return render(request, "directory/import.html", {"form": form, "row_errors": row_errors}, status=status)


@permission_required("directory.view_unit")
def unit_autocomplete(request):
    """Units matching `?q=` (folded: "ha noi" finds "Hà Nội"), at most 20, as JSON for
    js/autocomplete.js: `{"results": [{"id": 1, "text": "Hà Nội", "code": "01"}]}`.

    Current units only unless `?all=1` (units that no longer exist are named with their end date);
    `?kind=province` suggests units of that kind only (an unknown kind is ignored).
    """
    units = Unit.objects.visible_to(request.user)
    if request.GET.get("all") != "1":
        units = units.current()
    if request.GET.get("kind") in UnitKind.values:
        units = units.filter(kind=request.GET["kind"])
    return autocomplete_response(request, units.only(*Unit.CHOICE_FIELDS), Unit.as_choice)


@permission_required("directory.list_person")
def person_autocomplete(request):
    """People the user may see (officers: everyone; a unit officer: its own unit's) matching `?q=`,
    at most 20, as JSON: `{"results": [{"id": 7, "text": "Phạm Thị Lan – Sở Giáo dục và Đào tạo"}]}`."""
    people = Person.objects.visible_to(request.user).select_related("unit").only("pk", "full_name", "unit__name")
    return autocomplete_response(request, people, lambda person: {"text": person_label(person)})


# --- messages (issue 11): people stored twice that normalise_text could not merge safely ---
DUPLICATE_REASONS = {
    duplicates.REASON_BIRTH_DATES: gettext_lazy("Their birth dates differ: check whether they are one person."),
    duplicates.REASON_GENDERS: gettext_lazy("Their genders differ: check whether they are one person."),
    duplicates.REASON_SAME: gettext_lazy(
        "Nothing tells them apart: they are probably one person recorded twice, or their links would collide."
    ),
    duplicates.REASON_LINKS: gettext_lazy(
        "Merging them would give one person the same nomination or honour twice: correct those records first."
    ),
}


@permission_required("directory.change_person")
def duplicate_people(request):
    groups = duplicates.duplicate_candidates()
    for group in groups:
        group.explanation = DUPLICATE_REASONS[group.reason]
    return render(request, "directory/duplicate_people.html", {"groups": groups})
