import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="movements.remind_unregistered")
def remind_unregistered(*, movement_id, portal_url=""):
    """Email the units of a movement that have not registered yet."""
    from .domain.registrations import send_reminders
    from .models import Movement

    movement = Movement.objects.filter(pk=movement_id).first()
    if movement is None:
        logger.info("movement %s is gone; no reminders sent", movement_id)
        return 0
    sent = send_reminders(movement=movement, portal_url=portal_url)
    logger.info("sent %s registration reminders for movement %s", sent, movement_id)
    return sent
