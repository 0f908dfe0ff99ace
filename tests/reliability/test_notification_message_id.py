"""A notification is one message: sending it again (a worker died before its commit) gives the same
Message-ID, so mail systems see one message; two notifications never share one."""

import pytest
from django.core import mail

from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import notification_deliver, notification_schedule

pytestmark = pytest.mark.django_db


def test_a_resend_carries_the_same_message_id_and_another_notification_another(world, settings):
    settings.SITE_URL = "https://jongerenwerk.example.org"
    first = notification_schedule(recipient=world.users["youth_worker"], kind=next(iter(Kind)), key="a")
    second = notification_schedule(recipient=world.users["youth_worker"], kind=next(iter(Kind)), key="b")

    notification_deliver(first.pk)
    Notification.objects.filter(pk=first.pk).update(sent_at=None)  # as if the commit never happened
    notification_deliver(first.pk)
    notification_deliver(second.pk)

    ids = [message.extra_headers["Message-ID"] for message in mail.outbox]
    assert len(ids) == 3
    assert ids[0] == ids[1] != ids[2]
    assert ids[0] == f"<notification-{first.pk}@jongerenwerk.example.org>"
