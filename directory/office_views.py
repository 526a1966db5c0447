"""The office's own organisations and civil servants (issue 14; statistical forms 0604.N and 0605.N):
lists with filters and export, detail with history, create, correct with a reason, delete, import."""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from portal.actions import attempt, import_upload
from portal.lists import FilteredListView, related_count
from portal.mixins import HistoryMixin, ObjectPermissionMixin, PermissionMixin
from portal.permissions import object_view, permission_required
from portal.xlsx import xlsx_response

from .domain import office
from .exports import organisation_export, staff_export
from .filters import OfficeOrganisationFilterSet, OfficeStaffFilterSet
from .forms import OfficeDeleteForm, OfficeOrganisationForm, OfficeStaffForm, StaffImportForm
from .models import OfficeOrganisation, OfficeStaff


def _organisations(request):
    return OfficeOrganisation.objects.visible_to(request.user).select_related("unit")


def _staff(request):
    return OfficeStaff.objects.visible_to(request.user).select_related("organisation")


class OrganisationListView(PermissionMixin, FilteredListView):
    permission_required = "directory.list_officeorganisation"
    filterset_class = OfficeOrganisationFilterSet
    template_name = "directory/office_organisation_list.html"

    def get_queryset(self):
        return _organisations(self.request).annotate(staff_count=related_count(OfficeStaff, "organisation"))

    def export(self, rows):
        return organisation_export(rows, request=self.request, filterset=self.filterset)


class OrganisationDetailView(ObjectPermissionMixin, HistoryMixin, DetailView):
    permission_required = "directory.view_officeorganisation"
    template_name = "directory/office_organisation_detail.html"

    def get_queryset(self):
        return _organisations(self.request)

    def history_children(self, obj):
        return (obj.staff.all(),)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["staff"] = list(self.object.staff.order_by("search_text", "pk"))
        return context


class StaffListView(PermissionMixin, FilteredListView):
    permission_required = "directory.list_officestaff"
    filterset_class = OfficeStaffFilterSet
    template_name = "directory/office_staff_list.html"

    def get_queryset(self):
        return _staff(self.request)

    def export(self, rows):
        return staff_export(rows, request=self.request, filterset=self.filterset)


class StaffDetailView(ObjectPermissionMixin, HistoryMixin, DetailView):
    permission_required = "directory.view_officestaff"
    template_name = "directory/office_staff_detail.html"

    def get_queryset(self):
        return _staff(self.request)


ORGANISATION_FORM = {
    "form_class": OfficeOrganisationForm,
    "detail": "directory:office_organisation_detail",
    "list_name": "directory:office_organisation_list",
    "saved": gettext_lazy("The organisation was saved."),
}


STAFF_FORM = {
    "form_class": OfficeStaffForm,
    "detail": "directory:office_staff_detail",
    "list_name": "directory:office_staff_list",
    "saved": gettext_lazy("The civil servant was saved."),
}


def _edit(request, instance, *, form_class, detail, list_name, saved):
    form = form_class(request.POST or None, instance=instance)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            lambda: office.save_office_row(row=form.instance, reason=form.cleaned_data["reason"], by=request.user),
            success=saved,
        )
    ):
        return HttpResponseRedirect(reverse(detail, args=[form.instance.pk]))
    verbose_name = instance._meta.verbose_name
    heading = (_("Correct: {what}") if instance.pk else _("New {what}")).format(what=verbose_name)
    context = {
        "form": form,
        "object": instance if instance.pk else None,
        "heading": heading,
        "list_url": reverse(list_name),
        "detail": detail,
    }
    return render(request, "directory/office_form.html", context, status=400 if request.method == "POST" else 200)


def _delete(request, *, row, back, after, deleted, title, question, submit):
    form = OfficeDeleteForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            lambda: office.delete_office_row(row=row, reason=form.cleaned_data["reason"], by=request.user),
            success=deleted,
        )
    ):
        return HttpResponseRedirect(after)
    context = {"title": title, "subject": str(row), "question": question, "form": form, "back": back, "submit": submit}
    return render(request, "portal/confirm.html", context, status=400 if request.method == "POST" else 200)


@permission_required("directory.add_officeorganisation")
def organisation_create(request):
    return _edit(request, OfficeOrganisation(), **ORGANISATION_FORM)


@object_view(_organisations, "directory.change_officeorganisation")
def organisation_edit(request, organisation):
    return _edit(request, organisation, **ORGANISATION_FORM)


@object_view(_organisations, "directory.delete_officeorganisation")
def organisation_delete(request, organisation):
    return _delete(
        request,
        row=organisation,
        back=reverse("directory:office_organisation_detail", args=[organisation.pk]),
        after=reverse("directory:office_organisation_list"),
        deleted=_("The organisation was deleted."),
        title=_("Delete an organisation"),
        question=_("Delete this organisation? The history keeps it, with your reason."),
        submit=_("Delete the organisation"),
    )


@permission_required("directory.add_officestaff")
def staff_create(request):
    return _edit(request, OfficeStaff(), **STAFF_FORM)


@object_view(_staff, "directory.change_officestaff")
def staff_edit(request, staff):
    return _edit(request, staff, **STAFF_FORM)


@object_view(_staff, "directory.delete_officestaff")
def staff_delete(request, staff):
    return _delete(
        request,
        row=staff,
        back=reverse("directory:office_staff_detail", args=[staff.pk]),
        after=reverse("directory:office_staff_list"),
        deleted=_("The civil servant was deleted."),
        title=_("Delete a civil servant"),
        question=_("Delete this civil servant? The history keeps the record, with your reason."),
        submit=_("Delete the civil servant"),
    )


@permission_required("directory.import_officestaff")
def staff_import(request):
    """Upload the civil servants' workbook; every row is checked before anything is written."""
    form = StaffImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        result, row_errors = import_upload(
            request, form, lambda **upload: office.import_staff(by=request.user, **upload)
        )
        if result is not None:
            return HttpResponseRedirect(reverse("directory:office_staff_list"))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "directory/office_staff_import.html", {"form": form, "row_errors": row_errors}, status=status
    )


@permission_required("directory.import_officestaff")
def staff_import_template(request):
    return xlsx_response(
        "mau-cong-chuc-thi-dua-khen-thuong.xlsx", [(_("Civil servants"), office.STAFF_HEADERS, office.STAFF_EXAMPLE)]
    )
