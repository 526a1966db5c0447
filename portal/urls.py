from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]

# notify (issue 11): the inbox and the e-mail preferences
from . import inbox  # noqa: E402

urlpatterns += [
    path("notifications/", inbox.InboxView.as_view(), name="inbox"),
    path("notifications/<int:pk>/open/", inbox.notification_open, name="notification_open"),
    path("notifications/read-all/", inbox.mark_all_read, name="notifications_read_all"),
    path("notifications/preferences/", inbox.preferences, name="notification_preferences"),
]
