"""Periodic reminders and the monthly report: thin tasks, one service each."""

from celery import shared_task

from registration.services import reminders


@shared_task(name="registration.remind_nothing_logged")
def remind_nothing_logged():
    return reminders.reminders_nothing_logged()


@shared_task(name="registration.remind_weekly_budget")
def remind_weekly_budget():
    return reminders.reminders_weekly_budget()


@shared_task(name="registration.remind_agreement_budget")
def remind_agreement_budget():
    return reminders.reminders_agreement_budget()


@shared_task(name="registration.remind_follow_up")
def remind_follow_up():
    return reminders.reminders_follow_up()


@shared_task(name="registration.remind_month_to_approve")
def remind_month_to_approve():
    return reminders.reminders_month_to_approve()


@shared_task(name="registration.send_monthly_reports")
def send_monthly_reports():
    return reminders.monthly_reports_send()


@shared_task(name="registration.export_build")
def export_build(job_id):
    from registration.services.export_jobs import export_job_run

    return export_job_run(job_id)


@shared_task(name="registration.export_mark")
def export_mark(user_id, params, at):
    from registration.services.export_jobs import export_mark as mark

    return mark(user_id, params, at)
