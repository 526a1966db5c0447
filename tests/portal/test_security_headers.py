"""Headers that protect officers' data: Content-Security-Policy everywhere, no-store on private pages."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.urls import reverse

from movements.models import MovementDocument
from portal.middleware import PrivatePagesMiddleware
from tests.factories.movements import MovementFactory, ProgressEntryFactory, TargetFactory


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.django_db
def test_pages_allow_scripts_and_styles_only_from_the_portal_itself(client_as, officer):
    response = client_as(officer).get(reverse("portal:dashboard"))

    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_signed_in_pages_are_not_stored(client_as, officer):
    anonymous = client_as(None).get(reverse("login"))
    signed_in = client_as(officer).get(reverse("portal:dashboard"))

    assert "Content-Security-Policy" in anonymous
    assert "no-store" in signed_in["Cache-Control"]
    assert "private" in signed_in["Cache-Control"]


def test_public_responses_are_left_to_their_view(rf):
    request = rf.get("/static/css/portal.css")
    request.user = AnonymousUser()

    response = PrivatePagesMiddleware(lambda request: HttpResponse("body"))(request)

    assert not response.has_header("Cache-Control")


@pytest.mark.django_db
def test_downloads_are_not_stored(client_as, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    movement = MovementFactory()
    document = MovementDocument(movement=movement, title="Kế hoạch", number="1/KH-UBND")
    document.file.save("ke-hoach.pdf", ContentFile(b"%PDF-1.4 ke hoach"))

    response = client_as(officer).get(reverse("movements:document_download", kwargs={"pk": document.pk}))
    b"".join(response.streaming_content)
    for closer in response._resource_closers:
        closer()

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_with_charts_and_progress_bars_break_no_rule_of_the_policy(sign_in_page, officer):
    """The browser reports every blocked inline script or style: none may occur."""
    movement = MovementFactory(starts_on=date(2022, 1, 1))
    target = TargetFactory(movement=movement, target_value=Decimal("204"))
    ProgressEntryFactory(target=target, recorded_on=date(2023, 1, 31), value=Decimal("170"))
    ProgressEntryFactory(target=target, recorded_on=date(2023, 6, 30), value=Decimal("189"))
    page = sign_in_page(officer)
    page.wait_for_url("**/")
    violations = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security" in message.text else None)

    for url in ("/", reverse("movements:movement_list"), reverse("movements:movement_detail", args=[movement.pk])):
        page.goto(url)
        page.wait_for_load_state("load")

    assert page.locator("progress.progress").count() == 1
    assert page.locator("svg.trend").count() == 1
    assert violations == []
