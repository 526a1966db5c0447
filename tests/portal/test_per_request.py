"""Per-request cost (issue 13, speed): the menu and the unread count are computed only for a page that
draws them, the menu marks the current page, and the remembered number formatting gives exactly
what portal.numbers gives."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from portal.models import Notification
from portal.numbers import format_number, format_percent
from portal.templatetags.portal import number, percent

pytestmark = pytest.mark.django_db


def _notification_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, [q["sql"] for q in captured if "portal_notification" in q["sql"]]


def test_portal_page_counts_unread_once_and_marks_the_current_menu_entry(client_as, officer):
    Notification.objects.create(recipient=officer, kind="dossier_returned", subject="Hồ sơ 1", link="/")
    Notification.objects.create(recipient=officer, kind="dossier_returned", subject="Hồ sơ 2", link="/")
    client = client_as(officer)
    client.get("/directory/units/")  # warm
    response, counts = _notification_queries(client, "/directory/units/")
    assert len(counts) == 1
    page = response.content.decode()
    assert '<span class="badge warn"' in page and ">2</span>" in page
    assert '<a href="/directory/units/" aria-current="page">' in page
    assert '<a href="/directory/people/" >' in page  # another entry, not current


def test_admin_page_runs_neither_the_unread_count_nor_the_menu(client_as, administrator, monkeypatch):
    calls = []
    import portal.context_processors as processors

    original = processors.menu_sections_for
    monkeypatch.setattr(processors, "menu_sections_for", lambda *a: calls.append(a) or original(*a))
    client = client_as(administrator)
    client.get("/admin/")  # warm
    _response, counts = _notification_queries(client, "/admin/")
    assert counts == []
    assert calls == []
    # the portal's own pages still draw both for the same user
    _response, counts = _notification_queries(client, "/directory/units/")
    assert len(counts) == 1 and len(calls) == 1


@pytest.mark.parametrize("language", ["vi", "en"])
def test_remembered_number_text_is_the_formatted_number(language):
    values = [0, -0.0, 0.0, 1, 1.0, Decimal("1.00"), Decimal("-0"), 50985.5, Decimal("8.20"), 2023, "12,5", None, ""]
    with translation.override(language):
        for _ in range(2):  # the second pass is answered from memory
            for value in values:
                if value == "12,5":
                    with pytest.raises(Exception):  # noqa: B017, PT011 (what format_number raises, unchanged)
                        format_number(value)
                    with pytest.raises(Exception):  # noqa: B017, PT011
                        number(value)
                    continue
                assert number(value) == format_number(value)
                assert number(value, 2) == format_number(value, 2)
                assert percent(value, 1) == format_percent(value, 1)
    with translation.override("vi"):
        assert number(50985.5) == "50.985,5"
    with translation.override("en"):
        assert number(50985.5) != "50.985,5"  # the language is part of what is remembered
