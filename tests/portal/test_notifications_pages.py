"""The inbox: newest first, unread marked, filters, search, pages; opening one marks it read and goes
to its page; "mark all read"; the unread count in the menu on every page; the e-mail preferences.
Query counts stay constant with 1 and with many notifications."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.enums import NotificationKind
from portal.models import Notification, NotificationPreference
from portal.notifications import email_enabled_kinds
from tests.permissions import built_once_per_module, rolled_back, signed_in_client

pytestmark = pytest.mark.django_db
MANY = 40
URLS = [
    "/notifications/",
    "/notifications/?state=unread",
    "/notifications/?kind=dossier_returned&q=ho+so",
    "/notifications/preferences/",
    "/",  # any page: the menu's unread count is one query
]


def notices(user, count, *, kind=NotificationKind.DOSSIER_RETURNED, read=False, start=0):
    now = timezone.now()
    return Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=kind,
            subject=f"Hồ sơ số {start + index} bị trả lại",
            body="Lý do: thiếu biên bản.",
            link="/awards/",
            search_text=f"ho so so {start + index} bi tra lai ly do: thieu bien ban.",
            created_at=now - timedelta(minutes=start + index),
            read_at=now if read else None,
        )
        for index in range(count)
    )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def measure(cast):
    with rolled_back():
        client = signed_in_client(cast["unit_officer"])
        notices(cast["unit_officer"], 1)
        one_row = {url: queries_for(client, url) for url in URLS}
        notices(cast["unit_officer"], MANY, start=1)
        notices(cast["unit_officer"], MANY, kind=NotificationKind.SHEET_ACCEPTED, read=True, start=100)
        NotificationPreference.objects.create(
            user=cast["unit_officer"], kind=NotificationKind.PHASE_OPENED, email=False
        )
        return {url: (one_row[url], queries_for(client, url)) for url in URLS}


shared_data = built_once_per_module(measure)


@pytest.mark.parametrize("url", URLS)
def test_queries_do_not_grow_with_the_notifications(shared_data, url):
    one_row, many_rows = shared_data.objects[url]

    assert many_rows == one_row


def test_the_menu_s_unread_count_is_one_query_on_every_page(client_as, unit_officer):
    notices(unit_officer, 3)
    client = client_as(unit_officer)

    with CaptureQueriesContext(connection) as captured:
        page = client.get("/").content.decode()

    counting = [query["sql"] for query in captured if "portal_notification" in query["sql"]]
    assert len(counting) == 1
    assert 'title="Thông báo chưa đọc">3</span>' in page


def test_the_inbox_lists_newest_first_with_unread_marked_filters_search_and_pages(client_as, unit_officer):
    notices(unit_officer, 30, start=0)  # Hồ sơ số 0 is the newest
    notices(unit_officer, 2, kind=NotificationKind.SHEET_ACCEPTED, read=True, start=50)
    client = client_as(unit_officer)

    first = client.get("/notifications/").content.decode()
    second = client.get("/notifications/?page=2").content.decode()
    unread = client.get("/notifications/?state=unread").content.decode()
    accepted = client.get("/notifications/?kind=sheet_accepted").content.decode()
    found = client.get("/notifications/?q=HỒ+SƠ+SỐ+29").content.decode()

    assert "32 thông báo" in first
    assert first.index("Hồ sơ số 0 bị trả lại") < first.index("Hồ sơ số 1 bị trả lại")
    assert '<li class="notification unread">' in first and "Chưa đọc" in first
    assert "Hồ sơ số 50" in second and "Hồ sơ số 0 " not in second
    assert "30 thông báo" in unread and "Hồ sơ số 50" not in unread
    assert "2 thông báo" in accepted and '<li class="notification">' in accepted
    assert "1 thông báo" in found and "Hồ sơ số 29 bị trả lại" in found
    assert "Đánh dấu tất cả là đã đọc" in first


def test_opening_marks_read_and_goes_to_the_page_and_mark_all_read_clears_the_badge(client_as, unit_officer):
    first, second = notices(unit_officer, 2)
    unsafe = Notification.objects.create(
        recipient=unit_officer, kind=NotificationKind.OTHER, subject="Liên kết lạ", link="//evil.example/"
    )
    client = client_as(unit_officer)

    opened = client.get(f"/notifications/{first.pk}/open/")
    elsewhere = client.get(f"/notifications/{unsafe.pk}/open/")
    first.refresh_from_db()
    read_at = first.read_at
    client.get(f"/notifications/{first.pk}/open/")  # again: stays read at the first time
    first.refresh_from_db()
    all_read = client.post("/notifications/read-all/", follow=True)

    assert opened.status_code == 302 and opened.headers["Location"] == "/awards/"
    assert elsewhere.headers["Location"] == "/notifications/"
    assert read_at is not None and first.read_at == read_at
    second.refresh_from_db()
    assert second.read_at is not None
    page = all_read.content.decode()
    assert "Đã đánh dấu mọi thông báo là đã đọc." in page
    assert 'title="Thông báo chưa đọc"' not in page


def test_preferences_turn_e_mail_off_per_kind(client_as, unit_officer):
    client = client_as(unit_officer)
    kept = {kind: "on" for kind in NotificationKind.values if kind != NotificationKind.PHASE_OPENED}

    before = client.get("/notifications/preferences/").content.decode()
    saved = client.post("/notifications/preferences/", kept, follow=True)
    again = client.post("/notifications/preferences/", {**kept, "phase_opened": "on"})

    assert "Tùy chọn nhận thư điện tử" in before and "giai đoạn được mở" in before
    assert 'name="phase_opened" id="id_phase_opened" checked' in before
    assert "Đã lưu tùy chọn nhận thông báo của bạn." in saved.content.decode()
    assert again.status_code == 302
    assert email_enabled_kinds(unit_officer) == list(NotificationKind.values)
    client.post("/notifications/preferences/", kept)
    assert NotificationKind.PHASE_OPENED not in email_enabled_kinds(unit_officer)
    # Only the kind changed has a row; its changes are in the audit history.
    assert list(NotificationPreference.objects.filter(user=unit_officer).values_list("kind", "email")) == [
        (NotificationKind.PHASE_OPENED, False)
    ]
    assert LogEntry.objects.get_for_object(NotificationPreference.objects.get(user=unit_officer)).count() == 3
