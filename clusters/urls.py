from django.urls import path

from .views import clusters, ranking, setup, sheets, terms, vote

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
    # Set-up of clusters and terms by officers (issue 10, item 1: "setup" part).
    path("new/", setup.cluster_create, name="cluster_create"),
    path("<int:pk>/edit/", setup.cluster_update, name="cluster_update"),
    path("<int:pk>/members/", setup.ClusterMembersView.as_view(), name="cluster_members"),
    path("<int:pk>/members/add/", setup.cluster_member_add, name="cluster_member_add"),
    path("members/<int:pk>/end/", setup.cluster_member_end, name="cluster_member_end"),
    path("members/<int:pk>/remove/", setup.cluster_member_remove, name="cluster_member_remove"),
    path("<int:pk>/terms/new/", setup.term_create, name="term_create"),
    path("terms/<int:pk>/setup/", setup.term_setup, name="term_setup"),
    path("terms/<int:pk>/setup/members/", setup.TermMembersView.as_view(), name="term_members"),
    path("terms/<int:pk>/setup/members/add/", setup.term_member_add, name="term_member_add"),
    path("term-members/<int:pk>/remove/", setup.term_member_remove, name="term_member_remove"),
    path("terms/<int:pk>/setup/phases/", setup.term_phases, name="term_phases"),
    path("terms/<int:pk>/setup/phases/move/", setup.phase_move, name="phase_move"),
    path("phases/<int:pk>/delete/", setup.phase_delete, name="phase_delete"),
    path("terms/<int:pk>/setup/criteria/", setup.term_criteria, name="term_criteria"),
    path("terms/<int:pk>/setup/criteria/groups/new/", setup.group_create, name="group_create"),
    path("criterion-groups/<int:pk>/edit/", setup.group_update, name="group_update"),
    path("criterion-groups/<int:pk>/delete/", setup.group_delete, name="group_delete"),
    path("criterion-groups/<int:pk>/move/", setup.group_move, name="group_move"),
    path("terms/<int:pk>/setup/criteria/new/", setup.criterion_create, name="criterion_create"),
    path("criteria/<int:pk>/edit/", setup.criterion_update, name="criterion_update"),
    path("criteria/<int:pk>/delete/", setup.criterion_delete, name="criterion_delete"),
    path("criteria/<int:pk>/move/", setup.criterion_move, name="criterion_move"),
]
