"""Signed originals' pages, included by portal/urls.py under "originals/" (names portal:original_*)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:key>/<int:object_id>/sign/", views.sign, name="original_sign"),
    path("<slug:key>/<int:object_id>/draft.pdf", views.prepare, name="original_prepare"),
    path("<slug:key>/<int:object_id>/upload/", views.upload, name="original_upload"),
    path("versions/<int:pk>/signed.pdf", views.download, name="original_download"),
]
