from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal.accounts import AdminLoginForm, LoginForm
from portal.views import healthz

admin.site.site_header = _("Emulation Portal administration")
admin.site.site_title = _("Emulation Portal")
admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("", include("portal.urls")),
    path("healthz", healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("directory/", include("directory.urls")),
    path("movements/", include("movements.urls")),
    path("clusters/", include("clusters.urls")),
    path("awards/", include("awards.urls")),
    path("reports/", include("reports.urls")),
    # Pages without a login (issues 15 and 16): certificate verification, public notices, decisions.
    path("", include("awards.public_urls")),
    # REST API (issue 16, api): token authentication, OpenAPI schema at api/v1/schema/.
    path("api/v1/", include("portal.api.urls")),
    path("admin/", admin.site.urls),
]
