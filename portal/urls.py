from django.urls import path

from . import import_list, views

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # Imports (issue 11, "awards" part): the list of imports and one import's rows.
    path("imports/", import_list.ImportListView.as_view(), name="import_list"),
    path("imports/<int:pk>/", import_list.import_detail, name="import_detail"),
]
