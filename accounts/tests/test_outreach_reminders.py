import datetime

import pytest
import time_machine
from django.utils import timezone

from accounts.models import Membership
from accounts.models import PlatformAccount as Account
from accounts.tasks import platform_account_reminders
from accounts.tests.factories import make_member
from accounts.tests.outreach_factories import make_account
from jongerenwerk.celery import app
from notifications.kinds import Kind
from notifications.models import Notification

pytestmark = pytest.mark.django_db
Status = Account.Status
NOW = datetime.datetime(2026, 6, 15, 9, tzinfo=datetime.UTC)


def _recipients(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def test_the_reminder_task_is_in_the_beat_schedule_once():
    entries = [
        entry for entry in app.conf.beat_schedule.values() if entry["task"] == "accounts.platform_account_reminders"
    ]
    assert len(entries) == 1
    assert "accounts.platform_account_reminders" in app.tasks


@time_machine.travel(NOW, tick=False)
def test_due_review_starts_and_reminds_the_owner_exactly_once(team_a, worker, lead):
    account = make_account(team_a, worker, status=Status.ACTIVE, review_due_on=datetime.date(2026, 6, 15))
    not_yet = make_account(team_a, worker, "tiktok", status=Status.ACTIVE, review_due_on=datetime.date(2026, 6, 16))
    platform_account_reminders.delay()
    platform_account_reminders.delay()
    account.refresh_from_db()
    not_yet.refresh_from_db()
    assert account.status == Status.IN_REVIEW and not_yet.status == Status.ACTIVE
    assert _recipients(Kind.ACCOUNT_REVIEW_DUE) == [worker.email]
    assert account.events.filter(old_status=Status.ACTIVE, new_status=Status.IN_REVIEW, actor=None).count() == 1


@time_machine.travel(NOW, tick=False)
def test_review_overdue_by_14_days_reminds_owner_and_team_lead_once(team_a, worker, lead):
    make_account(team_a, worker, status=Status.IN_REVIEW, review_due_on=datetime.date(2026, 6, 1))
    make_account(team_a, worker, "tiktok", status=Status.IN_REVIEW, review_due_on=datetime.date(2026, 6, 2))
    platform_account_reminders.delay()
    platform_account_reminders.delay()
    assert _recipients(Kind.ACCOUNT_REVIEW_OVERDUE) == sorted([worker.email, lead.email])


@time_machine.travel(NOW, tick=False)
def test_request_waiting_three_days_reminds_the_teams_leads_but_not_the_requester(team_a, worker, lead):
    second_lead = make_member(team_a, Membership.Role.TEAM_LEAD)
    old = make_account(team_a, worker)
    Account.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))
    make_account(team_a, worker, "tiktok")  # fresh: not yet
    by_lead = make_account(team_a, second_lead, "snapchat", "lead.two")
    Account.objects.filter(pk=by_lead.pk).update(created_at=timezone.now() - datetime.timedelta(days=4))
    platform_account_reminders.delay()
    platform_account_reminders.delay()
    waiting = Notification.objects.filter(kind=Kind.ACCOUNT_APPROVAL_WAITING)
    assert sorted(waiting.filter(target_id=old.pk).values_list("recipient__email", flat=True)) == sorted(
        [lead.email, second_lead.email]
    )
    assert list(waiting.filter(target_id=by_lead.pk).values_list("recipient__email", flat=True)) == [lead.email]


def test_approving_resolves_the_waiting_reminder(team_a, worker, lead, django_capture_on_commit_callbacks):
    from accounts.services.outreach import platform_account_approve

    account = make_account(team_a, worker)
    Account.objects.filter(pk=account.pk).update(created_at=timezone.now() - datetime.timedelta(days=5))
    platform_account_reminders.delay()
    with django_capture_on_commit_callbacks(execute=True):
        platform_account_approve(account=account, actor=lead)
    assert Notification.objects.get(kind=Kind.ACCOUNT_APPROVAL_WAITING).acted_at is not None


def test_flagged_handover_is_reminded_to_the_lead_once(team_a, worker, lead):
    make_account(team_a, worker, status=Status.ACTIVE, handover_flagged_at=timezone.now())
    platform_account_reminders.delay()
    platform_account_reminders.delay()
    assert _recipients(Kind.ACCOUNT_HANDOVER) == [lead.email]
