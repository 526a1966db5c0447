"""Pages anyone may open without signing in (namespace "public"): each view is throttled
(`portal.throttle`) and shows only what officers chose to publish."""

from django.urls import path

from .views import public_verify

app_name = "public"

urlpatterns = [
    # Certificates (issue 15, "certificates" part): an award checked by its code or QR code.
    path("verify/", public_verify.verify_form, name="verify_form"),
    path("verify/<str:code>/", public_verify.verify, name="verify"),
]
