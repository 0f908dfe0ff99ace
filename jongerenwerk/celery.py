"""Celery on the Redis broker. The whole periodic schedule lives here."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jongerenwerk.settings")

app = Celery("jongerenwerk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    # A task is acknowledged only when it finished, and a worker takes one at a time,
    # so a killed worker's task is delivered again instead of lost.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    broker_connection_retry_on_startup=True,
    task_ignore_result=True,
)
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Every minute: email the notifications whose moment has come (each one exactly once).
    "send-due-notifications": {
        "task": "notifications.send_due",
        "schedule": 60.0,
    },
    # Thursday afternoon and Monday morning: workers who logged nothing this week (Thursday) or last
    # week (Monday); on Monday their team leads also hear who logged nothing.
    "registration-nothing-logged-thursday": {
        "task": "registration.remind_nothing_logged",
        "schedule": crontab(hour=15, minute=0, day_of_week="thu"),
    },
    "registration-nothing-logged-monday": {
        "task": "registration.remind_nothing_logged",
        "schedule": crontab(hour=9, minute=0, day_of_week="mon"),
    },
    # Every evening: workers whose hours this week passed their weekly budget.
    "registration-weekly-budget": {
        "task": "registration.remind_weekly_budget",
        "schedule": crontab(hour=18, minute=0),
    },
    # Every morning: managers hear when an agreement reached 80 % or 100 % of its hour budget.
    "registration-agreement-budget": {
        "task": "registration.remind_agreement_budget",
        "schedule": crontab(hour=7, minute=30),
    },
    # Every morning: the owner of a contact's follow-up action, the day before it is due.
    "registration-follow-up": {
        "task": "registration.remind_follow_up",
        "schedule": crontab(hour=7, minute=45),
    },
    # Every morning from the 4th: team leads of teams whose last month is not yet approved.
    "registration-month-to-approve": {
        "task": "registration.remind_month_to_approve",
        "schedule": crontab(hour=8, minute=0),
    },
    # Every morning: on the first working day of the month, each agreement's monthly report by email.
    "registration-monthly-reports": {
        "task": "registration.send_monthly_reports",
        "schedule": crontab(hour=7, minute=0),
    },
}
