"""Pages anyone may open without signing in (namespace "public"): each view is throttled
(`portal.throttle`) and shows only what officers chose to publish."""

from django.urls import path

from .views import public_notices, public_verify

app_name = "public"

urlpatterns = [
    # Certificates (issue 15, "certificates" part): an award checked by its code or QR code.
    path("verify/", public_verify.verify_form, name="verify_form"),
    path("verify/<str:code>/", public_verify.verify, name="verify"),
    # Public notices and the register of decisions (issue 16, "public" part).
    path("notices/", public_notices.notice_list, name="notice_list"),
    path("notices/<int:pk>/", public_notices.notice_detail, name="notice_detail"),
    path("decisions/", public_notices.DecisionRegisterView.as_view(), name="decision_register"),
    path("decisions/<int:pk>/", public_notices.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/decision.pdf", public_notices.decision_pdf_public, name="decision_pdf"),
]
