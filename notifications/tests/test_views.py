from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.kinds import Kind
from notifications.services import notification_schedule

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_bell_counts_unread_due_notifications_of_this_person_only(client_for, worker, outsider):
    notification_schedule(recipient=worker, kind=Kind.TEST, key="1")
    notification_schedule(recipient=worker, kind=Kind.TEST, key="2")
    notification_schedule(recipient=worker, kind=Kind.TEST, key="later", due_at=timezone.now() + timedelta(days=1))
    notification_schedule(recipient=outsider, kind=Kind.TEST)
    body = client_for(worker).get(reverse("home")).content.decode()
    assert "Meldingen: 2 ongelezen" in body
    body = client_for(worker).get(reverse("notifications:list")).content.decode()
    assert body.count("Testmelding") == 2


def test_read_all_clears_the_bell(client_for, worker):
    notification_schedule(recipient=worker, kind=Kind.TEST)
    client = client_for(worker)
    assert client.post(reverse("notifications:read_all")).status_code == 302
    assert "Meldingen: 0 ongelezen" in client.get(reverse("home")).content.decode()


def test_list_query_count_does_not_grow(client_for, worker):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(worker)
    client.get(reverse("notifications:list"))

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("notifications:list"))
        return len(queries)

    notification_schedule(recipient=worker, kind=Kind.TEST, key="0")
    small = count()
    for i in range(1, 10):
        notification_schedule(recipient=worker, kind=Kind.TEST, key=str(i))
    assert count() == small
