from celery import shared_task


@shared_task(name="clusters.advance_phases")
def advance_phases():
    """Daily: make the phase containing today current in every term (schedule it in CELERY_BEAT_SCHEDULE)."""
    from .domain.schedule import advance_phases as advance

    return advance()


@shared_task(name="clusters.send_sheet_reminders")
def send_sheet_reminders():
    """Daily: remind members whose sheets are missing three days before the self-assessment closes."""
    from .domain.reminders import send_sheet_reminders as send

    return send()
