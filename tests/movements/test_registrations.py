"""Units register for a movement; the lead unit and officers see who has not and remind them."""

import time

import pytest
from django.core import mail
from django.urls import reverse

from movements.models import Movement, Registration
from movements.tasks import remind_unregistered
from tests.factories import UnitFactory, UserFactory
from tests.factories.movements import MovementFactory, RegistrationFactory


@pytest.mark.django_db
def test_unit_officer_registers_their_own_unit_only(client_as, unit_officer, member_unit):
    movement = MovementFactory()
    other = UnitFactory()

    response = client_as(unit_officer).post(
        reverse("movements:registration_edit", args=[movement.pk]),
        {"unit": other.pk, "commitments": "Hoàn thành 100% chỉ tiêu", "aimed_titles": "Cờ thi đua cấp tỉnh"},
    )

    assert response.status_code == 302
    registration = Registration.objects.get(movement=movement)
    assert registration.unit == member_unit
    assert registration.registered_by == unit_officer


@pytest.mark.django_db
def test_officer_registers_a_chosen_unit(client_as, officer):
    movement = MovementFactory()
    unit = UnitFactory()

    client_as(officer).post(
        reverse("movements:registration_edit", args=[movement.pk]),
        {"unit": unit.pk, "commitments": "Cam kết", "aimed_titles": ""},
    )

    assert Registration.objects.get(movement=movement).unit == unit


@pytest.mark.django_db
def test_registration_on_closed_movement_shows_a_message(client_as, unit_officer):
    movement = MovementFactory(state="closed")

    response = client_as(unit_officer).post(
        reverse("movements:registration_edit", args=[movement.pk]), {"commitments": "x"}, follow=True
    )

    assert response.status_code == 200
    assert "Phong trào này đã kết thúc" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_lead_unit_sees_who_has_not_registered(client_as, unit_officer, member_unit):
    movement = MovementFactory(lead_unit=member_unit)
    registered, missing = UnitFactory(name="Sở Y tế"), UnitFactory(name="Sở Tư pháp")
    movement.participants.add(registered, missing)
    RegistrationFactory(movement=movement, unit=registered)

    page = client_as(unit_officer).get(reverse("movements:movement_detail", args=[movement.pk])).content.decode()

    assert "Sở Tư pháp" in page
    assert "chưa đăng ký" in page
    assert "Nhắc các đơn vị chưa đăng ký" in page


@pytest.mark.django_db
def test_other_unit_officer_sees_only_their_own_registration(client_as, member_unit):
    movement = MovementFactory()
    movement.participants.add(UnitFactory(name="Sở Tư pháp"))
    other_officer = UserFactory(is_unit_officer=True)
    RegistrationFactory(movement=movement, unit=other_officer.unit, commitments="Cam kết riêng")

    page = client_as(other_officer).get(reverse("movements:movement_detail", args=[movement.pk])).content.decode()

    assert "Cam kết riêng" in page
    assert "Sở Tư pháp" not in page


def _movement_with_missing_units():
    movement = MovementFactory()
    registered, missing = UnitFactory(), UnitFactory(name="Sở Tư pháp")
    movement.participants.add(registered, missing)
    RegistrationFactory(movement=movement, unit=registered)
    UserFactory(unit=registered, is_unit_officer=True, email="da-dang-ky@example.vn")
    UserFactory(unit=missing, is_unit_officer=True, email="chua-dang-ky@example.vn")
    UserFactory(unit=missing, is_unit_officer=False, email="khong-phu-trach@example.vn")
    return movement


@pytest.fixture
def tasks_in_process():
    """Run Celery tasks in-process even when a broker is configured (eager mode)."""
    from emulation_portal.celery import app

    was_eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = was_eager


@pytest.mark.django_db(transaction=True)
def test_remind_emails_the_officers_of_units_that_have_not_registered(client_as, officer, tasks_in_process):
    movement = _movement_with_missing_units()

    response = client_as(officer).post(reverse("movements:registration_remind", args=[movement.pk]), follow=True)

    # In-process, the task has run before the page answers: it says what was sent, to whom.
    assert "Đã gửi thư nhắc đến 1 đơn vị: Sở Tư pháp." in response.content.decode()
    assert [message.to for message in mail.outbox] == [["chua-dang-ky@example.vn"]]
    assert "Sở Tư pháp" in mail.outbox[0].body
    assert f"http://testserver/movements/{movement.pk}/registration/" in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("Nhắc việc: đăng ký thi đua")
    assert Movement.objects.get(pk=movement.pk).last_reminded_at is not None


@pytest.mark.django_db
def test_remind_task_for_a_deleted_movement_sends_nothing():
    assert remind_unregistered(movement_id=999_999) == 0
    assert mail.outbox == []


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_sends_the_reminders(celery_worker_process, settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    movement = _movement_with_missing_units()

    remind_unregistered.delay(movement_id=movement.pk)

    deadline = time.monotonic() + 30
    while Movement.objects.get(pk=movement.pk).last_reminded_at is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert Movement.objects.get(pk=movement.pk).last_reminded_at is not None
