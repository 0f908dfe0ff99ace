from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import (
    notification_deliver,
    notification_resolve,
    notification_schedule,
    notifications_send_due,
)

pytestmark = pytest.mark.django_db


def test_scheduling_twice_makes_one_row(worker, team_a):
    first = notification_schedule(recipient=worker, kind=Kind.TEST, target=team_a, key="w1")
    second = notification_schedule(recipient=worker, kind=Kind.TEST, target=team_a, key="w1")
    assert first.pk == second.pk
    assert Notification.objects.count() == 1


def test_only_due_notifications_are_sent_and_only_once(worker, mailoutbox):
    now = timezone.now()
    due = notification_schedule(recipient=worker, kind=Kind.TEST, key="due", due_at=now - timedelta(minutes=1))
    notification_schedule(recipient=worker, kind=Kind.TEST, key="later", due_at=now + timedelta(hours=1))
    assert notifications_send_due() == 1
    assert notifications_send_due() == 0
    assert notification_deliver(due.pk) is False
    assert len(mailoutbox) == 1
    with time_machine.travel(now + timedelta(hours=2)):
        assert notifications_send_due() == 1
    assert len(mailoutbox) == 2


def test_email_holds_only_the_kind_and_the_link(worker, mailoutbox):
    notification_schedule(recipient=worker, kind=Kind.SIGNAL_ACUTE, link="/signalen/7/")
    notifications_send_due()
    message = mailoutbox[0]
    assert message.subject == "[Jongerenwerk] Er is een acuut signaal gemeld"
    assert "/signalen/7/" in message.body
    assert worker.full_name not in message.body and "Team A" not in message.body


def test_email_is_in_the_recipients_language(worker, mailoutbox):
    worker.language = "en"
    worker.save()
    notification_schedule(recipient=worker, kind=Kind.SIGNAL_ACUTE, link="/signalen/7/")
    notifications_send_due()
    assert mailoutbox[0].subject == "[Jongerenwerk] An acute signal has been reported"


def test_a_deactivated_person_gets_no_email_until_reactivated(worker, mailoutbox):
    notification = notification_schedule(recipient=worker, kind=Kind.TEST)
    worker.is_active = False
    worker.save()
    assert notification_deliver(notification.pk) is False
    notification.refresh_from_db()
    assert notification.sent_at is None
    worker.is_active = True
    worker.save()
    assert notifications_send_due() == 1


def test_resolve_marks_acted(worker, team_a):
    notification_schedule(recipient=worker, kind=Kind.TEST, target=team_a)
    assert notification_resolve(target=team_a, kind=Kind.TEST) == 1
    assert Notification.objects.get().acted_at is not None
