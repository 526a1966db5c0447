from django.urls import path, re_path

from . import overview_views, statform_views, views

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
    # statistical forms (issue 14)
    path("statistics/", statform_views.StatReportListView.as_view(), name="statform_list"),
    path("statistics/new/", statform_views.statform_create, name="statform_create"),
    path("statistics/<int:pk>/", statform_views.StatReportDetailView.as_view(), name="statform_detail"),
    path("statistics/<int:pk>/status/", statform_views.statform_status, name="statform_status"),
    path("statistics/<int:pk>/rows/", statform_views.statform_rows, name="statform_rows"),
    path("statistics/<int:pk>/count/", statform_views.statform_recount, name="statform_recount"),
    path("statistics/<int:pk>/final/", statform_views.statform_finalise, name="statform_finalise"),
    path("statistics/<int:pk>/reopen/", statform_views.statform_reopen, name="statform_reopen"),
    re_path(r"^statistics/(?P<pk>\d+)/file\.(?P<kind>xlsx|pdf)$", statform_views.statform_file, name="statform_file"),
    # issue 14 (overview): the dashboard of charts
    path("overview/", overview_views.overview_page, name="overview"),
]
