from django.urls import path

from . import views

app_name = "clusters"

urlpatterns = [
    path("", views.ClusterListView.as_view(), name="cluster_list"),
    path("<int:pk>/", views.ClusterDetailView.as_view(), name="cluster_detail"),
    path("terms/<int:pk>/", views.term_detail, name="term_detail"),
    path("terms/<int:pk>/reopen-scoring/", views.reopen_scoring, name="reopen_scoring"),
    path("terms/<int:pk>/review/", views.ReviewQueueView.as_view(), name="review_queue"),
    path("terms/<int:pk>/ranking/", views.term_ranking, name="ranking"),
    path("terms/<int:pk>/vote/", views.term_vote, name="term_vote"),
    path("terms/<int:pk>/vote/close/", views.vote_close, name="vote_close"),
    path("terms/<int:pk>/vote/decide/", views.vote_decide, name="vote_decide"),
    path("terms/<int:pk>/lock/", views.lock_results, name="lock_results"),
    path("terms/<int:pk>/reopen/", views.reopen_results, name="reopen_results"),
    path("sheets/<int:pk>/", views.sheet_detail, name="sheet_detail"),
    path("sheets/<int:pk>/review/", views.sheet_review, name="sheet_review"),
    path("scores/<int:pk>/evidence/", views.evidence, name="evidence"),
]
