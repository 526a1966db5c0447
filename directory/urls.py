from django.urls import path, re_path

from . import office_views, rating_views, views

app_name = "directory"

urlpatterns = [
    path("units/", views.UnitListView.as_view(), name="unit_list"),
    path("units/autocomplete/", views.unit_autocomplete, name="unit_autocomplete"),
    path("units/new/", views.UnitCreateView.as_view(), name="unit_create"),
    path("units/<int:pk>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("units/<int:pk>/edit/", views.UnitUpdateView.as_view(), name="unit_update"),
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/autocomplete/", views.person_autocomplete, name="person_autocomplete"),
    path("people/new/", views.PersonCreateView.as_view(), name="person_create"),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("people/<int:pk>/edit/", views.PersonUpdateView.as_view(), name="person_update"),
    path("import/", views.import_directory, name="import"),
    re_path(r"^import/template/(?P<kind>units|people)\.xlsx$", views.import_template, name="import_template"),
    # messages (issue 11): duplicate people left for an officer by normalise_text
    path("people/duplicates/", views.duplicate_people, name="duplicate_people"),
    # ratings of duty completion (issue 12)
    path("ratings/", rating_views.RatingListView.as_view(), name="rating_list"),
    path("ratings/new/", rating_views.rating_create, name="rating_create"),
    path("ratings/<int:pk>/edit/", rating_views.rating_edit, name="rating_edit"),
    path("ratings/<int:pk>/delete/", rating_views.rating_delete, name="rating_delete"),
    path("ratings/import/", rating_views.rating_import, name="rating_import"),
    path("ratings/import/template.xlsx", rating_views.rating_import_template, name="rating_import_template"),
    path("ratings/people/", rating_views.rating_people, name="rating_people"),
    path("ratings/units/", rating_views.rating_units, name="rating_units"),
    # the office's organisations and civil servants (issue 14, forms 0604.N and 0605.N)
    path("office/organisations/", office_views.OrganisationListView.as_view(), name="office_organisation_list"),
    path("office/organisations/new/", office_views.organisation_create, name="office_organisation_create"),
    path(
        "office/organisations/<int:pk>/",
        office_views.OrganisationDetailView.as_view(),
        name="office_organisation_detail",
    ),
    path("office/organisations/<int:pk>/edit/", office_views.organisation_edit, name="office_organisation_edit"),
    path("office/organisations/<int:pk>/delete/", office_views.organisation_delete, name="office_organisation_delete"),
    path("office/staff/", office_views.StaffListView.as_view(), name="office_staff_list"),
    path("office/staff/new/", office_views.staff_create, name="office_staff_create"),
    path("office/staff/<int:pk>/", office_views.StaffDetailView.as_view(), name="office_staff_detail"),
    path("office/staff/<int:pk>/edit/", office_views.staff_edit, name="office_staff_edit"),
    path("office/staff/<int:pk>/delete/", office_views.staff_delete, name="office_staff_delete"),
    path("office/staff/import/", office_views.staff_import, name="office_staff_import"),
    path("office/staff/import/template.xlsx", office_views.staff_import_template, name="office_staff_import_template"),
]
