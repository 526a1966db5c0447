from django.urls import path

from . import views

app_name = "movements"

urlpatterns = [
    path("", views.MovementListView.as_view(), name="movement_list"),
    path("new/", views.MovementCreateView.as_view(), name="movement_create"),
    path("<int:pk>/", views.MovementDetailView.as_view(), name="movement_detail"),
    path("<int:pk>/edit/", views.MovementUpdateView.as_view(), name="movement_update"),
    path("<int:pk>/state/", views.movement_transition, name="movement_transition"),
    path("<int:pk>/targets.xlsx", views.movement_export, name="movement_export"),
    path("<int:pk>/targets/new/", views.target_create, name="target_create"),
    path("targets/<int:pk>/edit/", views.target_update, name="target_update"),
    path("targets/<int:pk>/progress/", views.progress_create, name="progress_create"),
    path("<int:pk>/registration/", views.registration_edit, name="registration_edit"),
    path("<int:pk>/registration/remind/", views.registration_remind, name="registration_remind"),
    path("<int:pk>/reviews/new/", views.review_create, name="review_create"),
    path("<int:pk>/documents/new/", views.document_create, name="document_create"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("reviews/<int:pk>/", views.ReviewDetailView.as_view(), name="review_detail"),
    path("reviews/<int:pk>/honourees/", views.honouree_create, name="honouree_create"),
    # Part "movements" of issue 11: corrections with a reason.
    path("progress/<int:pk>/edit/", views.progress_update, name="progress_update"),
    path("progress/<int:pk>/withdraw/", views.progress_withdraw, name="progress_withdraw"),
    path("targets/<int:pk>/remove/", views.target_remove, name="target_remove"),
    path("<int:pk>/reopen/", views.movement_reopen, name="movement_reopen"),
    path("<int:pk>/delete/", views.movement_delete, name="movement_delete"),
]
