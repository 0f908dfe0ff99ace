import datetime

import time_machine
from django.core import mail

from accounts.models import Membership
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import notifications_send_due
from registration import services
from registration.models import MonthlyReportDelivery, TeamBudget
from registration.services import reminders
from registration.tests.factories import (
    AgreementFactory,
    ContactFactory,
    TimeEntryFactory,
    YoungPersonFactory,
    make_goal,
)

THURSDAY = datetime.date(2026, 11, 19)
MONDAY = datetime.date(2026, 11, 23)


def kinds(recipient=None):
    rows = Notification.objects.all()
    if recipient is not None:
        rows = rows.filter(recipient=recipient)
    return sorted(rows.values_list("kind", flat=True))


def test_thursday_reminds_the_worker_who_logged_nothing_exactly_once(worker, outsider, team_b):
    TimeEntryFactory(team=team_b, worker=outsider, date=datetime.date(2026, 11, 17))
    reminders.reminders_nothing_logged(THURSDAY)
    reminders.reminders_nothing_logged(THURSDAY)
    assert kinds(worker) == [Kind.NOTHING_LOGGED]
    assert kinds(outsider) == []
    with time_machine.travel(datetime.datetime(2026, 11, 20, 16, 0, tzinfo=datetime.UTC)):
        assert notifications_send_due() == 1
        assert notifications_send_due() == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [worker.email]


def test_monday_reminds_for_last_week_and_tells_the_lead(worker, lead, team_a, platform):
    ContactFactory(team=team_a, worker=worker, platform=platform, date=datetime.date(2026, 11, 23))
    reminders.reminders_nothing_logged(THURSDAY)
    reminders.reminders_nothing_logged(MONDAY)
    reminders.reminders_nothing_logged(MONDAY)
    assert kinds(worker) == [Kind.NOTHING_LOGGED, Kind.NOTHING_LOGGED]
    assert kinds(lead) == [Kind.TEAM_NOTHING_LOGGED]


def test_no_reminder_on_other_days(worker):
    assert reminders.reminders_nothing_logged(datetime.date(2026, 11, 20)) == 0
    assert not Notification.objects.exists()


def test_weekly_budget_exceeded_once_a_week(worker, team_a):
    TeamBudget.objects.create(team=team_a, weekly_minutes=120)
    TimeEntryFactory(team=team_a, worker=worker, date=datetime.date(2026, 11, 17), duration_minutes=100)
    assert reminders.reminders_weekly_budget(THURSDAY) == 0
    TimeEntryFactory(team=team_a, worker=worker, date=datetime.date(2026, 11, 18), duration_minutes=30)
    reminders.reminders_weekly_budget(THURSDAY)
    reminders.reminders_weekly_budget(datetime.date(2026, 11, 20))
    assert kinds(worker) == [Kind.WEEKLY_BUDGET_EXCEEDED]


def test_agreement_at_80_and_100_percent_tells_the_manager_once(manager, worker, team_a):
    agreement = AgreementFactory(organisation=team_a.organisation, teams=[team_a], hour_budget=10)
    TimeEntryFactory(team=team_a, worker=worker, date=datetime.date(2026, 3, 1), duration_minutes=480)
    reminders.reminders_agreement_budget()
    assert kinds(manager) == [Kind.AGREEMENT_BUDGET_80]
    TimeEntryFactory(team=team_a, worker=worker, date=datetime.date(2026, 3, 2), duration_minutes=120)
    reminders.reminders_agreement_budget()
    reminders.reminders_agreement_budget()
    assert kinds(manager) == [Kind.AGREEMENT_BUDGET_100, Kind.AGREEMENT_BUDGET_80]
    assert set(Notification.objects.values_list("target_id", flat=True)) == {agreement.pk}


def test_follow_up_due_reminds_its_owner_once_and_is_resolved_when_done(worker, team_a, platform):
    contact = ContactFactory(
        team=team_a,
        worker=worker,
        platform=platform,
        follow_up="Terugbellen",
        follow_up_due=datetime.date(2026, 11, 21),
    )
    ContactFactory(
        team=team_a, worker=worker, platform=platform, follow_up="Later", follow_up_due=datetime.date(2026, 12, 21)
    )
    reminders.reminders_follow_up(datetime.date(2026, 11, 20))
    reminders.reminders_follow_up(datetime.date(2026, 11, 20))
    assert kinds(worker) == [Kind.CONTACT_FOLLOW_UP_DUE]
    services.contact_follow_up_done(actor=worker, contact=contact)
    assert Notification.objects.get().acted_at is not None


def test_month_to_approve_reaches_the_lead_three_days_into_the_month(lead, worker, team_a, team_b, platform):
    ContactFactory(team=team_a, worker=worker, platform=platform, date=datetime.date(2026, 10, 12))
    assert reminders.reminders_month_to_approve(datetime.date(2026, 11, 3)) == 0
    reminders.reminders_month_to_approve(datetime.date(2026, 11, 4))
    reminders.reminders_month_to_approve(datetime.date(2026, 11, 5))
    assert kinds(lead) == [Kind.MONTH_TO_APPROVE]
    assert Notification.objects.get().link == f"/registratie/maanden/{team_a.pk}/2026-10/"


def test_approved_month_is_not_reminded_and_resolves_the_reminder(
    lead, worker, team_a, platform, django_capture_on_commit_callbacks
):
    ContactFactory(team=team_a, worker=worker, platform=platform, date=datetime.date(2026, 10, 12))
    reminders.reminders_month_to_approve(datetime.date(2026, 11, 4))
    with django_capture_on_commit_callbacks(execute=True):
        services.month_approve(team=team_a, month=datetime.date(2026, 10, 1), actor=lead)
    assert Notification.objects.get().acted_at is not None
    Notification.objects.all().delete()
    reminders.reminders_month_to_approve(datetime.date(2026, 11, 6))
    assert not Notification.objects.exists()


def test_monthly_report_goes_out_once_on_the_first_working_day(manager, worker, team_a, platform):
    agreement = AgreementFactory(
        organisation=team_a.organisation, teams=[team_a], monthly_report=True, report_recipient=manager
    )
    make_goal(agreement)
    young_person = YoungPersonFactory(team=team_a, pseudonym="Geheimenaam")
    contact = ContactFactory(team=team_a, worker=worker, platform=platform, date=datetime.date(2026, 10, 14))
    contact.young_people.add(young_person)
    # 1 November 2026 is a Sunday: the first working day is Monday the 2nd.
    assert reminders.monthly_reports_send(datetime.date(2026, 11, 1)) == 0
    assert reminders.monthly_reports_send(datetime.date(2026, 11, 2)) == 1
    assert reminders.monthly_reports_send(datetime.date(2026, 11, 2)) == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [manager.email]
    names = sorted(name for name, _content, _type in message.attachments)
    assert names == ["maandrapport-2026-10.pdf", "maandrapport-2026-10.xlsx"]
    assert "Geheimenaam" not in message.subject + message.body
    for _name, content, _type in message.attachments:
        assert b"Geheimenaam" not in (content if isinstance(content, bytes) else content.encode())
    assert MonthlyReportDelivery.objects.count() == 1
    contact.refresh_from_db()
    assert contact.exported_at is not None


def test_beat_schedule_has_every_registration_task():
    from jongerenwerk.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {
        "registration.remind_nothing_logged",
        "registration.remind_weekly_budget",
        "registration.remind_agreement_budget",
        "registration.remind_follow_up",
        "registration.remind_month_to_approve",
        "registration.send_monthly_reports",
    } <= tasks


def test_tasks_call_their_service(worker):
    from registration import tasks

    with time_machine.travel(datetime.datetime(2026, 11, 19, 15, 0, tzinfo=datetime.UTC)):
        tasks.remind_nothing_logged.delay()
    assert kinds(worker) == [Kind.NOTHING_LOGGED]
    assert Membership.objects.filter(user=worker).exists()
