from django.urls import path

from . import overview_views, views

app_name = "reports"

urlpatterns = [
    path("", views.MemberReportListView.as_view(), name="report_list"),
    path("new/", views.report_create, name="report_create"),
    path("<int:pk>/", views.MemberReportDetailView.as_view(), name="report_detail"),
    path("<int:pk>/edit/", views.report_update, name="report_update"),
    path("<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("<int:pk>/figures.xlsx", views.report_template, name="report_template"),
    path("<int:pk>/upload/", views.report_upload, name="report_upload"),
    path("<int:pk>/attachments/", views.report_attach, name="report_attach"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.report_attachment, name="report_attachment"),
    path("cluster/", views.ClusterReportListView.as_view(), name="cluster_report_list"),
    path("cluster/compile/", views.cluster_report_create, name="cluster_report_create"),
    path("cluster/<int:pk>/", views.ClusterReportDetailView.as_view(), name="cluster_report_detail"),
    path("cluster/<int:pk>/edit/", views.ClusterReportUpdateView.as_view(), name="cluster_report_update"),
    path("conferences/", views.ConferenceListView.as_view(), name="conference_list"),
    path("conferences/new/", views.ConferenceCreateView.as_view(), name="conference_create"),
    path("conferences/<int:pk>/", views.ConferenceDetailView.as_view(), name="conference_detail"),
    path("conferences/<int:pk>/edit/", views.ConferenceUpdateView.as_view(), name="conference_update"),
    path("conferences/<int:pk>/summary/", views.conference_render, name="conference_render"),
    path("conferences/<int:pk>/summary/status/", views.conference_render_status, name="conference_render_status"),
    path("conferences/<int:pk>/summary.pdf", views.conference_pdf, name="conference_pdf"),
    path("conferences/<int:pk>/summary.docx", views.conference_docx, name="conference_docx"),
    # reports (issue 11): returning a report for correction, deleting a draft, removing an attachment,
    # deleting a cluster report or a conference recorded by mistake (with a reason)
    path("<int:pk>/return/", views.report_return, name="report_return"),
    path("<int:pk>/delete/", views.report_delete, name="report_delete"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/delete/",
        views.report_attachment_delete,
        name="report_attachment_delete",
    ),
    path("cluster/<int:pk>/delete/", views.cluster_report_delete, name="cluster_report_delete"),
    path("conferences/<int:pk>/delete/", views.conference_delete, name="conference_delete"),
    # issue 14 (overview): the dashboard of charts
    path("overview/", overview_views.overview_page, name="overview"),
]
