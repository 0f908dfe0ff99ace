from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import notifications_send_due
from policy.models import PolicyVersion, PostReview
from policy.services import reminders
from policy.tests.factories import make_document, make_version

pytestmark = pytest.mark.django_db
Status = PolicyVersion.Status


@pytest.fixture
def two_versions(org, team_a, manager, lead):
    start = timezone.now()
    org_doc = make_version(
        make_document(org, owner=manager), author=manager, status=Status.PUBLISHED, published_at=start
    )
    team_doc = make_version(
        make_document(org, team=team_a, owner=lead, kind="norms_values", title="Normen"),
        author=lead, status=Status.PUBLISHED, published_at=start,
    )  # fmt: skip
    return start, org_doc, team_doc


def test_no_reminder_before_three_days(worker, two_versions):
    start, *_ = two_versions
    reminders.acknowledgement_reminders_schedule(now=start + timedelta(days=2))
    assert not Notification.objects.filter(recipient=worker).exists()


def test_one_batched_reminder_per_person_for_several_versions_sent_once(worker, two_versions):
    start, *_ = two_versions
    now = start + timedelta(days=3, hours=1)
    reminders.acknowledgement_reminders_schedule(now=now)
    reminders.acknowledgement_reminders_schedule(now=now + timedelta(hours=1))
    assert Notification.objects.filter(recipient=worker, kind=Kind.POLICY_ACKNOWLEDGE).count() == 1
    with time_machine.travel(now + timedelta(hours=2), tick=False):
        notifications_send_due()
        notifications_send_due()
    assert len([m for m in mail.outbox if m.to == [worker.email]]) == 1


def test_weekly_after_the_first_reminder(worker, two_versions):
    start, *_ = two_versions
    for days in (3, 4, 5, 10, 17):
        reminders.acknowledgement_reminders_schedule(now=start + timedelta(days=days))
    keys = set(
        Notification.objects.filter(recipient=worker, kind=Kind.POLICY_ACKNOWLEDGE).values_list("key", flat=True)
    )
    weeks = {(start + timedelta(days=d)).isocalendar()[:2] for d in (3, 4, 5, 10, 17)}
    assert len(keys) == len(weeks)


def test_team_lead_hears_after_fourteen_days_only(worker, lead, two_versions):
    start, *_ = two_versions
    reminders.acknowledgement_reminders_schedule(now=start + timedelta(days=13))
    assert not Notification.objects.filter(recipient=lead, kind=Kind.POLICY_ACKNOWLEDGE_TEAM).exists()
    reminders.acknowledgement_reminders_schedule(now=start + timedelta(days=14, hours=1))
    reminders.acknowledgement_reminders_schedule(now=start + timedelta(days=14, hours=2))
    assert Notification.objects.filter(recipient=lead, kind=Kind.POLICY_ACKNOWLEDGE_TEAM).count() == 1


def test_acknowledged_people_are_not_reminded(worker, two_versions):
    from policy.services.acknowledgements import acknowledgement_create

    start, org_version, team_version = two_versions
    acknowledgement_create(actor=worker, version=org_version)
    acknowledgement_create(actor=worker, version=team_version)
    reminders.acknowledgement_reminders_schedule(now=start + timedelta(days=4))
    assert not Notification.objects.filter(recipient=worker, kind=Kind.POLICY_ACKNOWLEDGE).exists()


def test_version_waiting_for_review_three_days_reminds_reviewers_once(org, manager, lead, worker):
    version = make_version(make_document(org, owner=manager), author=manager, status=Status.IN_REVIEW)
    reminders.review_waiting_reminders_schedule(now=version.submitted_at + timedelta(days=2))
    assert not Notification.objects.filter(kind=Kind.POLICY_REVIEW_WAITING).exists()
    reminders.review_waiting_reminders_schedule(now=version.submitted_at + timedelta(days=3, minutes=1))
    reminders.review_waiting_reminders_schedule(now=version.submitted_at + timedelta(days=4))
    recipients = set(Notification.objects.filter(kind=Kind.POLICY_REVIEW_WAITING).values_list("recipient", flat=True))
    assert recipients == {lead.pk}


def test_document_review_due_then_overdue_to_owner(org, manager):
    today = timezone.localdate()
    document = make_document(org, owner=manager, next_review_on=today + timedelta(days=40))
    reminders.document_review_reminders_schedule(now=timezone.now())
    assert not Notification.objects.filter(recipient=manager).exists()
    reminders.document_review_reminders_schedule(now=timezone.now() + timedelta(days=11))
    reminders.document_review_reminders_schedule(now=timezone.now() + timedelta(days=12))
    assert (
        Notification.objects.filter(recipient=manager, kind=Kind.POLICY_REVIEW_DUE, target_id=document.pk).count() == 1
    )
    reminders.document_review_reminders_schedule(now=timezone.now() + timedelta(days=41))
    assert Notification.objects.filter(recipient=manager, kind=Kind.POLICY_REVIEW_OVERDUE).count() == 1


def test_post_reminder_24_hours_before_and_expiry_notifies_both(org, team_a, worker, lead):
    from policy.tests.test_posts import make_post

    post = make_post(team_a, author=worker, reviewer=lead, planned_at=timezone.now() + timedelta(hours=30))
    reminders.post_reminders_schedule(now=timezone.now())
    assert not Notification.objects.filter(kind=Kind.POST_APPROVAL_WAITING).exists()
    reminders.post_reminders_schedule(now=timezone.now() + timedelta(hours=7))
    reminders.post_reminders_schedule(now=timezone.now() + timedelta(hours=8))
    assert Notification.objects.filter(kind=Kind.POST_APPROVAL_WAITING, recipient=lead).count() == 1
    reminders.post_reminders_schedule(now=timezone.now() + timedelta(hours=31))
    post.refresh_from_db()
    assert post.status == PostReview.Status.EXPIRED
    expired = set(Notification.objects.filter(kind=Kind.POST_EXPIRED).values_list("recipient", flat=True))
    assert expired == {worker.pk, lead.pk}
