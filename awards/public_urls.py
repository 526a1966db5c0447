"""Pages anyone may open without signing in (namespace "public"): each view is throttled
(`portal.throttle`) and shows only what officers chose to publish."""

from django.urls import path

from .views import public_notices

app_name = "public"

urlpatterns = [
    # Public notices and the register of decisions (issue 16, "public" part).
    path("notices/", public_notices.notice_list, name="notice_list"),
    path("notices/<int:pk>/", public_notices.notice_detail, name="notice_detail"),
    path("decisions/", public_notices.DecisionRegisterView.as_view(), name="decision_register"),
    path("decisions/<int:pk>/", public_notices.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/decision.pdf", public_notices.decision_pdf_public, name="decision_pdf"),
]
