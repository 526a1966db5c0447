"""The REST API (issue 16), at /api/v1/: each app's `api.ROUTES` on one router, the OpenAPI schema
and its documentation page (Swagger UI served from this site: drf-spectacular-sidecar)."""

from importlib import import_module

from django.conf import settings
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from ..navigation import OUR_APPS

app_name = "api"


def _routes():
    """(prefix, viewset, basename) of every app's `api` module, in app order."""
    routes = []
    for app in OUR_APPS:
        if app == "portal" or app not in settings.INSTALLED_APPS:
            continue
        try:
            module = import_module(f"{app}.api")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.api":
                raise
            continue
        routes.extend(module.ROUTES)
    return routes


router = SimpleRouter()
for prefix, viewset, basename in _routes():
    router.register(prefix, viewset, basename=basename)

urlpatterns = [
    *router.urls,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
