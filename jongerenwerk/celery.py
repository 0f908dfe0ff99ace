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
    # Every hour: start platform-account reviews that are due and remind owners and team leads
    # (review due or 14 days overdue, requests waiting 3 days, handovers of departed members).
    "platform-account-reminders": {
        "task": "accounts.platform_account_reminders",
        "schedule": 3600.0,
    },
    # Every hour: policy not yet acknowledged (3 days, then once a week per person; to the team lead after 14 days).
    "policy-acknowledgement-reminders": {
        "task": "policy.acknowledgement_reminders",
        "schedule": 3600.0,
    },
    # Every hour: policy versions waiting 3 days for review (to the reviewers).
    "policy-review-waiting-reminders": {
        "task": "policy.review_waiting_reminders",
        "schedule": 3600.0,
    },
    # Every day: policy documents due for review within 30 days or overdue (to the owner).
    "policy-document-review-reminders": {
        "task": "policy.document_review_reminders",
        "schedule": 24 * 3600.0,
    },
    # Every 10 minutes: organisation posts awaiting approval within 24 hours, and expiring those past their time.
    "policy-post-reminders": {
        "task": "policy.post_reminders",
        "schedule": 600.0,
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
    # Every five minutes: signal reminders (triage deadline, due and overdue steps and actions and their
    # escalation, intervision tomorrow, no activity for 14 days). Each reminder is scheduled only once.
    "signal-reminders": {
        "task": "signals.schedule_reminders",
        "schedule": 300.0,
    },
    # Every night: remove contacts, time entries, closed signals and inactive young-person records whose
    # retention period has passed (legal holds excepted), each batch in the destruction log.
    "privacy-apply-retention": {
        "task": "privacy.apply_retention",
        "schedule": crontab(hour=3, minute=15),
    },
}
