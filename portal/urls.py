from django.urls import path

from . import import_list, views

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # Imports (issue 11, "awards" part): the list of imports and one import's rows.
    path("imports/", import_list.ImportListView.as_view(), name="import_list"),
    path("imports/<int:pk>/", import_list.import_detail, name="import_detail"),
    # Import jobs (issue 13): an import too large for a request, run by a worker.
    path("imports/jobs/<int:pk>/", import_list.import_job, name="import_job"),
    path("imports/jobs/<int:pk>/status/", import_list.import_job_status, name="import_job_status"),
]

# notify (issue 11): the inbox and the e-mail preferences
from . import inbox  # noqa: E402

urlpatterns += [
    path("notifications/", inbox.InboxView.as_view(), name="inbox"),
    path("notifications/<int:pk>/open/", inbox.notification_open, name="notification_open"),
    path("notifications/read-all/", inbox.mark_all_read, name="notifications_read_all"),
    path("notifications/preferences/", inbox.preferences, name="notification_preferences"),
]

# Export jobs (issue 13, exports): large list exports made by a worker, each person's own
urlpatterns += [
    path("exports/", views.ExportJobListView.as_view(), name="export_list"),
    path("exports/<int:pk>/", views.export_detail, name="export_detail"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
    path("exports/<int:pk>/retry/", views.export_retry, name="export_retry"),
]

# Signed originals (issue 15, originals): sign a document from its page, its immutable versions
from django.urls import include  # noqa: E402

from .originals import urls as originals_urls  # noqa: E402

urlpatterns += [path("originals/", include(originals_urls.urlpatterns))]
