from celery import shared_task

from privacy.services.retention import retention_apply_all


@shared_task(name="privacy.apply_retention")
def apply_retention():
    """Daily: remove every record whose retention period has passed (legal holds excepted)."""
    return retention_apply_all()
