"""The reminder action says what really happened: how many units were written to, which, and
which could not be reached, matching the mail sent."""

import pytest
from django.core import mail
from django.urls import reverse

from movements.models import Movement
from tests.factories import UnitFactory, UserFactory
from tests.factories.movements import MovementFactory, RegistrationFactory


@pytest.fixture
def tasks_in_process():
    """Run Celery tasks in-process even when a broker is configured (eager mode)."""
    from emulation_portal.celery import app

    was_eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = was_eager


@pytest.mark.django_db
def test_reminder_feedback_names_the_units_written_to_and_those_not_reachable(
    client_as, officer, django_capture_on_commit_callbacks, tasks_in_process
):
    movement = MovementFactory()
    registered, reachable, unreachable = UnitFactory(), UnitFactory(name="Sở Tư pháp"), UnitFactory(name="Sở Xây dựng")
    movement.participants.add(registered, reachable, unreachable)
    RegistrationFactory(movement=movement, unit=registered)
    UserFactory(unit=reachable, is_unit_officer=True, email="tu-phap@example.vn")
    # Nobody to tell: its only officer has left (an officer without an address still gets the inbox).
    UserFactory(unit=unreachable, is_unit_officer=True, is_active=False, email="xay-dung@example.vn")
    client = client_as(officer)

    # As with a worker: the task runs after the answer, so the page cannot know yet and says so.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("movements:registration_remind", args=[movement.pk]), follow=True)
    assert "Đang gửi thư nhắc đến 2 đơn vị chưa đăng ký" in response.content.decode()
    assert "Đã gửi thư nhắc" not in response.content.decode()

    # Once sent, the movement records what happened and its page tells the truth, as the mail does.
    assert [message.to for message in mail.outbox] == [["tu-phap@example.vn"]]
    movement = Movement.objects.get(pk=movement.pk)
    assert movement.reminded_units == ["Sở Tư pháp"]
    assert movement.unreachable_units == ["Sở Xây dựng"]
    page = client.get(reverse("movements:movement_detail", args=[movement.pk])).content.decode()
    assert "Đã gửi thư nhắc đến 1 đơn vị: Sở Tư pháp." in page
    assert "chưa được nhắc: Sở Xây dựng." in page
