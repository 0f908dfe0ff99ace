"""Periodic work of the accounts app: thin tasks that call one service."""

from celery import shared_task

from accounts.services.outreach import platform_account_reminders_schedule


@shared_task(name="accounts.platform_account_reminders")
def platform_account_reminders():
    """Start due account reviews and schedule review, approval and handover reminders."""
    return platform_account_reminders_schedule()
