from celery import shared_task

from notifications.services import notifications_send_due


@shared_task(name="notifications.send_due")
def send_due_notifications():
    """Deliver the notifications that are due."""
    return notifications_send_due()
