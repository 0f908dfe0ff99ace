"""Thin periodic tasks: each calls one reminder service."""

from celery import shared_task

from policy.services import reminders


@shared_task(name="policy.acknowledgement_reminders")
def acknowledgement_reminders():
    """Remind people of policy they have not acknowledged (batched per week), and their team leads after 14 days."""
    return reminders.acknowledgement_reminders_schedule()


@shared_task(name="policy.review_waiting_reminders")
def review_waiting_reminders():
    """Remind reviewers of versions waiting 3 days."""
    return reminders.review_waiting_reminders_schedule()


@shared_task(name="policy.document_review_reminders")
def document_review_reminders():
    """Remind owners of documents due for review."""
    return reminders.document_review_reminders_schedule()


@shared_task(name="policy.post_reminders")
def post_reminders():
    """Remind second readers of posts due within 24 hours, and expire posts past their planned time."""
    return reminders.post_reminders_schedule()
