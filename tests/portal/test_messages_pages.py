"""The portal's own Vietnamese 404, 403 and 500 pages, with DEBUG off and on (the embedded mode runs
with DEBUG on, where Django would show its English technical pages)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.urls import include, path

from tests.factories.movements import MovementFactory


def crash(request):
    raise RuntimeError("boom")


def missing(request):
    raise Http404("no such dossier")


def refused(request):
    raise PermissionDenied


urlpatterns = [
    path("test-crash/", crash),
    path("test-missing/", missing),
    path("test-refused/", refused),
    path("", include("emulation_portal.urls")),
]

PAGES = [
    ("/no-such-page/", 404, "Không tìm thấy trang"),
    ("/test-missing/", 404, "Không tìm thấy trang"),
    ("/test-refused/", 403, "Bạn không có quyền"),
    ("/test-crash/", 500, "Đã xảy ra lỗi hệ thống"),
]
TECHNICAL = ("NONE,NOARCHIVE", "Page not found", "Traceback", "RuntimeError", "no such dossier")


@pytest.fixture
def crashing_urls(settings):
    settings.ROOT_URLCONF = __name__


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
def test_error_pages_are_the_portals_in_vietnamese(crashing_urls, settings, officer, debug):
    settings.DEBUG = debug
    client = Client(raise_request_exception=False)
    client.force_login(officer)
    for url, status, heading in PAGES:
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == status, url
        assert heading in page, (url, page[:500])
        assert not [word for word in TECHNICAL if word in page], url
    anonymous = Client(raise_request_exception=False).get("/no-such-page/")
    assert anonymous.status_code == 404 and "Không tìm thấy trang" in anonymous.content.decode()


@pytest.mark.django_db
def test_a_developer_keeps_the_technical_pages_when_asking_for_them(crashing_urls, settings):
    settings.DEBUG = True
    settings.TECHNICAL_ERROR_PAGES = True
    client = Client(raise_request_exception=False)

    assert "NONE,NOARCHIVE" in client.get("/no-such-page/").content.decode()
    assert "RuntimeError" in client.get("/test-crash/").content.decode()


@pytest.mark.django_db
def test_a_form_page_answered_with_400_is_left_as_it_is(settings, client_as, officer):
    settings.DEBUG = True
    movement = MovementFactory()
    response = client_as(officer).post(f"/movements/{movement.pk}/targets/new/", {"indicator": ""})

    assert response.status_code == 400
    assert "<form" in response.content.decode()
