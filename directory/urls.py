from django.urls import path, re_path

from . import rating_views, views

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
]
