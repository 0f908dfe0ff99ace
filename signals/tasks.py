from celery import shared_task

from signals.services.reminders import signal_reminders_schedule


@shared_task(name="signals.schedule_reminders")
def schedule_signal_reminders():
    """Schedule the signal and intervision reminders that are due (each once)."""
    return signal_reminders_schedule()
