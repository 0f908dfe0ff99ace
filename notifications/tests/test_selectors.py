"""The bell's count: due, unread and not acted on, of this person only (written as SQL for speed)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.kinds import Kind
from notifications.models import Notification
from notifications.selectors import unread_count
from notifications.services import notification_schedule

pytestmark = pytest.mark.django_db


def test_the_bell_counts_what_the_list_shows_as_unread(worker, outsider):
    now = timezone.now()
    for key in ("a", "b", "read", "acted"):
        notification_schedule(recipient=worker, kind=Kind.TEST, key=key, due_at=now - timedelta(minutes=5))
    notification_schedule(recipient=worker, kind=Kind.TEST, key="later", due_at=now + timedelta(hours=1))
    notification_schedule(recipient=outsider, kind=Kind.TEST, key="theirs", due_at=now - timedelta(minutes=5))
    Notification.objects.filter(key="read").update(read_at=now)
    Notification.objects.filter(key="acted").update(acted_at=now)

    assert unread_count(worker) == 2
    assert unread_count(worker) == Notification.objects.for_user(worker).visible_now().unread().count()
    assert unread_count(outsider) == 1
