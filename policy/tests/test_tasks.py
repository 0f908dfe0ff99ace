from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from jongerenwerk.celery import app
from notifications.kinds import Kind
from notifications.models import Notification
from policy import tasks
from policy.models import PolicyVersion
from policy.services.acknowledgements import acknowledgement_create
from policy.tests.factories import make_document, make_version

pytestmark = pytest.mark.django_db
Status = PolicyVersion.Status


def test_every_policy_beat_entry_names_a_registered_task():
    names = [entry["task"] for entry in app.conf.beat_schedule.values() if entry["task"].startswith("policy.")]
    assert len(names) == 4
    for name in names:
        assert name in app.tasks


def test_tasks_run_their_service(org, manager, worker):
    version = make_version(make_document(org, owner=manager), author=manager, status=Status.PUBLISHED)
    with time_machine.travel(version.published_at + timedelta(days=4), tick=False):
        tasks.acknowledgement_reminders.delay()
        tasks.review_waiting_reminders.delay()
        tasks.document_review_reminders.delay()
        tasks.post_reminders.delay()
    assert Notification.objects.filter(recipient=worker, kind=Kind.POLICY_ACKNOWLEDGE).count() == 1


def test_confirming_everything_resolves_the_reminder(org, manager, worker):
    version = make_version(make_document(org, owner=manager), author=manager, status=Status.PUBLISHED)
    from policy.services.reminders import acknowledgement_reminders_schedule

    acknowledgement_reminders_schedule(now=timezone.now() + timedelta(days=4))
    acknowledgement_create(actor=worker, version=version)
    assert Notification.objects.get(recipient=worker, kind=Kind.POLICY_ACKNOWLEDGE).acted_at is not None
