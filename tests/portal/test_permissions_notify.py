"""Role x URL matrix for the inbox and the e-mail preferences: a person reaches only their own
notifications (another's answers 404, as if it did not exist), and each denial changes nothing."""

import pytest
from django.urls import reverse

from portal.enums import NotificationKind
from portal.models import Notification
from tests.permissions import SIGNED_IN, built_once_per_module, matrix_cases, run_matrix_case

# (url name, kwargs key, method, roles allowed, status when allowed)
MATRIX = [
    ("portal:inbox", None, "get", SIGNED_IN, 200),
    ("portal:notification_open", "unit_officer_notice", "get", {"unit_officer"}, 302),
    ("portal:notification_open", "officer_notice", "get", {"officer"}, 302),
    ("portal:notifications_read_all", None, "post", SIGNED_IN, 302),
    ("portal:notification_preferences", None, "get", SIGNED_IN, 200),
    ("portal:notification_preferences", None, "post", SIGNED_IN, 302),
]


def build_objects(cast):
    def notice(user):
        return Notification.objects.create(
            recipient=user, kind=NotificationKind.DOSSIER_RETURNED, subject="Hồ sơ bị trả lại", link="/awards/"
        )

    return {
        "unit_officer_notice": {"pk": notice(cast["unit_officer"]).pk},
        "officer_notice": {"pk": notice(cast["officer"]).pk},
    }


shared_data = built_once_per_module(build_objects)


@pytest.fixture
def objects(shared_data):
    return shared_data.objects


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, objects, role, url_name, key, method, allowed, allowed_status):
    expected = None
    if key and role not in allowed and role != "anonymous":
        expected = 404  # another person's notification is not theirs to know of
    url = reverse(url_name, kwargs=objects[key] if key else None)

    run_matrix_case(
        client_as(cast[role]),
        role,
        url,
        method,
        {"dossier_returned": "on"},
        allowed,
        allowed_status,
        expected=expected,
    )


@pytest.mark.django_db
def test_reading_and_marking_all_read_touch_only_one_s_own_notifications(client_as, cast, objects):
    theirs = Notification.objects.get(pk=objects["officer_notice"]["pk"])
    mine = Notification.objects.get(pk=objects["unit_officer_notice"]["pk"])
    client = client_as(cast["unit_officer"])

    page = client.get(reverse("portal:inbox")).content.decode()
    client.post(reverse("portal:notifications_read_all"))

    assert page.count("Hồ sơ bị trả lại") == 1  # only their own
    assert f"/notifications/{theirs.pk}/open/" not in page
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None
