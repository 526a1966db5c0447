from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    path("proposals/", views.ProposalListView.as_view(), name="proposal_list"),
    path("proposals/new/", views.ProposalCreateView.as_view(), name="proposal_create"),
    path("proposals/queue/", views.VerificationQueueView.as_view(), name="queue"),
    path("proposals/from-term/<int:term_pk>/", views.proposal_from_term, name="proposal_from_term"),
    path("proposals/template.xlsx", views.nominee_template, name="nominee_template"),
    path("proposals/<int:pk>/", views.ProposalDetailView.as_view(), name="proposal_detail"),
    path("proposals/<int:pk>/<slug:action>/", views.proposal_action, name="proposal_action"),
    path("proposals/<int:pk>/nominees/add/", views.nominee_add, name="nominee_add"),
    path("proposals/<int:pk>/nominees/import/", views.nominee_import, name="nominee_import"),
    path("proposals/<int:pk>/documents/add/", views.document_upload, name="document_upload"),
    path("proposals/<int:pk>/decision/new/", views.decision_create, name="decision_create"),
    path("nominees/<int:pk>/delete/", views.nominee_delete, name="nominee_delete"),
    path("nominees/<int:pk>/override/", views.nominee_override, name="nominee_override"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("council/", views.SessionListView.as_view(), name="session_list"),
    path("council/new/", views.session_create, name="session_create"),
    path("council/<int:pk>/", views.session_detail, name="session_detail"),
    path("decisions/<int:pk>/", views.DecisionDetailView.as_view(), name="decision_detail"),
    path("decisions/<int:pk>/decision.docx", views.decision_docx_view, name="decision_docx"),
    path("decisions/<int:pk>/annex.xlsx", views.decision_annex, name="decision_annex"),
    path("history/", views.lookup, name="lookup"),
    path("history/import/", views.history_import, name="history_import"),
    path("history/template.xlsx", views.history_template, name="history_template"),
]
