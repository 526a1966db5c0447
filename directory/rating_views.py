"""The pages of the ratings of duty completion (issue 12): list, create, correct, delete, import."""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.actions import attempt, import_upload
from portal.audit import history_visible_to
from portal.lists import FilteredListView
from portal.mixins import PermissionMixin
from portal.permissions import object_view, permission_required
from portal.widgets import autocomplete_response
from portal.xlsx import xlsx_response

from .domain import rating_imports, ratings
from .exports import rating_export
from .fields import person_label
from .filters import DutyRatingFilterSet
from .forms import RatingCorrectionForm, RatingDeleteForm, RatingForm, RatingImportForm
from .models import DutyRating, Unit
from .rules import is_officer

RELATED = ("person__unit", "unit", "recorded_by")


def _visible(request):
    return DutyRating.objects.visible_to(request.user).select_related(*RELATED)


class RatingListView(PermissionMixin, FilteredListView):
    permission_required = "directory.list_dutyrating"
    filterset_class = DutyRatingFilterSet
    template_name = "directory/rating_list.html"

    def get_queryset(self):
        return _visible(self.request).order_by("-year", "person__search_text", "unit__search_text", "pk")

    def export(self, rows):
        return rating_export(rows, request=self.request, filterset=self.filterset)


@permission_required("directory.add_dutyrating")
def rating_create(request):
    form = RatingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = []
        if attempt(
            request,
            lambda: created.append(
                ratings.record_rating(
                    person=data["person"],
                    unit=data["unit"],
                    year=data["year"],
                    rating=data["rating"],
                    source_document=data["source_document"],
                    member_count=data.get("member_count"),
                    by=request.user,
                )
            ),
            success=_("The rating was recorded."),
        ):
            return HttpResponseRedirect(_recipient_url(created[0]))
    status = 400 if request.method == "POST" else 200
    return render(request, "directory/rating_form.html", {"form": form}, status=status)


def _recipient_url(rating):
    if rating.person_id:
        return reverse("directory:person_detail", args=[rating.person_id])
    return reverse("directory:unit_detail", args=[rating.unit_id])


@object_view(_visible, "directory.change_dutyrating")
def rating_edit(request, rating):
    """Correct a rating (level, source) with a reason; the page shows its history."""
    initial = {"rating": rating.rating, "source_document": rating.source_document, "member_count": rating.member_count}
    form = RatingCorrectionForm(request.POST or None, initial=initial, collective=rating.unit_id is not None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            lambda: ratings.correct_rating(
                rating=rating,
                level=data["rating"],
                source_document=data["source_document"],
                member_count=data.get("member_count"),
                reason=data["reason"],
                by=request.user,
            ),
            success=_("The rating was corrected."),
        ):
            return HttpResponseRedirect(_recipient_url(rating))
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "rating": rating, "history": history_visible_to(request.user, rating)}
    return render(request, "directory/rating_edit.html", context, status=status)


@object_view(_visible, "directory.delete_dutyrating")
def rating_delete(request, rating):
    form = RatingDeleteForm(request.POST or None)
    back = _recipient_url(rating)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            lambda: ratings.delete_rating(rating=rating, reason=form.cleaned_data["reason"], by=request.user),
            success=_("The rating was deleted."),
        )
    ):
        return HttpResponseRedirect(back)
    context = {
        "title": _("Delete a rating"),
        "subject": str(rating),
        "question": _("Delete this rating of duty completion? The history keeps it, with your reason."),
        "form": form,
        "back": back,
        "submit": _("Delete the rating"),
    }
    return render(request, "portal/confirm.html", context, status=400 if request.method == "POST" else 200)


@permission_required("directory.import_dutyrating")
def rating_import(request):
    """Upload a unit's yearly list of ratings; every row is checked before anything is written."""
    form = RatingImportForm(request.POST or None, request.FILES or None, user=request.user)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data.get("unit") if is_officer(request.user) else request.user.unit
        result, row_errors = import_upload(
            request, form, lambda **upload: rating_imports.import_ratings(unit=unit, by=request.user, **upload)
        )
        if result is not None:
            return HttpResponseRedirect(reverse("directory:rating_list"))
    status = 400 if request.method == "POST" else 200
    return render(request, "directory/rating_import.html", {"form": form, "row_errors": row_errors}, status=status)


@permission_required("directory.import_dutyrating")
def rating_import_template(request):
    return xlsx_response(
        "mau-xep-loai-hoan-thanh-nhiem-vu.xlsx",
        [(_("Ratings of duty completion"), rating_imports.RATING_HEADERS, rating_imports.RATING_EXAMPLE)],
    )


@permission_required("directory.add_dutyrating")
def rating_people(request):
    """People the user may rate matching `?q=`, at most 20, as JSON for js/autocomplete.js."""
    people, _units = ratings.ratable(request.user)
    return autocomplete_response(request, people, lambda person: {"text": person_label(person)})


@permission_required("directory.add_dutyrating")
def rating_units(request):
    """Units the user may rate matching `?q=`, at most 20, as JSON."""
    _people, units = ratings.ratable(request.user)
    return autocomplete_response(request, units.current().only(*Unit.CHOICE_FIELDS), Unit.as_choice)
