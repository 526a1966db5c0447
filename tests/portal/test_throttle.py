"""portal.throttle: a public page answers 429 past its hourly limit per address, and only counts what it is told to."""

from django.http import HttpResponse
from django.test import RequestFactory

from portal.throttle import client_address, throttled

factory = RequestFactory()


@throttled("test-page", per_hour=3)
def page(request):
    return HttpResponse("ok")


@throttled("test-form", per_hour=1, counts=lambda request: request.method == "POST")
def form(request):
    return HttpResponse("ok")


def ask(view, method="get", address="10.0.0.1", **meta):
    request = getattr(factory, method)("/", REMOTE_ADDR=address, **meta)
    return view(request)


def test_the_request_past_the_limit_is_refused_in_vietnamese_with_retry_after(settings):
    settings.LANGUAGE_CODE = "vi"

    codes = [ask(page).status_code for _ in range(4)]
    refused = ask(page)

    assert codes == [200, 200, 200, 429]
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert "Quá nhiều yêu cầu" in refused.content.decode()


def test_each_address_has_its_own_count():
    for _ in range(3):
        ask(page, address="10.0.0.1")

    assert ask(page, address="10.0.0.1").status_code == 429
    assert ask(page, address="10.0.0.2").status_code == 200


def test_only_the_counted_requests_use_up_the_limit():
    assert [ask(form).status_code for _ in range(5)] == [200] * 5
    assert ask(form, "post").status_code == 200
    assert ask(form, "post").status_code == 429
    assert ask(form).status_code == 200


def test_settings_override_the_limit(settings):
    settings.THROTTLE_RATES = {"test-page": 1}

    assert [ask(page).status_code for _ in range(2)] == [200, 429]


def test_behind_a_proxy_the_configured_header_names_the_visitor(settings):
    settings.THROTTLE_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    request = factory.get("/", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="203.0.113.5, 10.9.9.9")

    assert client_address(request) == "203.0.113.5"
    assert client_address(factory.get("/", REMOTE_ADDR="10.9.9.9")) == "10.9.9.9"
