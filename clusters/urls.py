from django.urls import path

from .views import clusters, ranking, sheets, terms, vote

app_name = "clusters"

urlpatterns = [
    path("", clusters.ClusterListView.as_view(), name="cluster_list"),
    path("<int:pk>/", clusters.ClusterDetailView.as_view(), name="cluster_detail"),
    path("terms/<int:pk>/", terms.term_detail, name="term_detail"),
    path("terms/<int:pk>/reopen-scoring/", terms.reopen_scoring, name="reopen_scoring"),
    path("terms/<int:pk>/review/", sheets.ReviewQueueView.as_view(), name="review_queue"),
    path("terms/<int:pk>/ranking/", ranking.term_ranking, name="ranking"),
    path("terms/<int:pk>/vote/", vote.term_vote, name="term_vote"),
    path("terms/<int:pk>/vote/close/", vote.vote_close, name="vote_close"),
    path("terms/<int:pk>/vote/decide/", vote.vote_decide, name="vote_decide"),
    path("terms/<int:pk>/lock/", vote.lock_results, name="lock_results"),
    path("terms/<int:pk>/reopen/", vote.reopen_results, name="reopen_results"),
    path("sheets/<int:pk>/", sheets.sheet_detail, name="sheet_detail"),
    path("sheets/<int:pk>/review/", sheets.sheet_review, name="sheet_review"),
    path("scores/<int:pk>/evidence/", sheets.evidence, name="evidence"),
    # The phase engine, vote safeguards, locking and reopening (issue 10, items 2, 6, 7).
    path("terms/<int:pk>/reopen-review/", vote.reopen_review, name="reopen_review"),
    path("terms/<int:pk>/exclusions/", vote.term_exclusions, name="term_exclusions"),
    # ranking, fair review and exports (the ranking and the review queue export with ?format=xlsx)
    path("sheets/<int:pk>/export/", sheets.sheet_export, name="sheet_export"),
]
