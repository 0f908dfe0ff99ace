"""Sessions end after 30 idle minutes and 12 hours at most; logout ends them on the server."""

from datetime import timedelta

import pytest
import time_machine
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/account/login/"


def logged_in(client, user):
    response = client.post(LOGIN, {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    return client


def is_sent_to_login(response):
    return response.status_code == 302 and response.url.startswith(LOGIN)


def test_a_session_ends_after_30_idle_minutes(client, worker):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        logged_in(client, worker)
        traveller.shift(timedelta(minutes=29))
        assert client.get(reverse("home")).status_code == 200
        traveller.shift(timedelta(minutes=29))
        assert client.get(reverse("home")).status_code == 200
        traveller.shift(timedelta(minutes=31))
        assert is_sent_to_login(client.get(reverse("home")))


def test_a_session_ends_after_12_hours_however_active(client, worker):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        logged_in(client, worker)
        for _ in range(11 * 3 + 2):  # every 20 minutes until 11 h 40 min
            traveller.shift(timedelta(minutes=20))
            assert client.get(reverse("home")).status_code == 200
        traveller.shift(timedelta(minutes=21))
        assert is_sent_to_login(client.get(reverse("home")))
        assert "_auth_user_id" not in client.session


def test_logout_ends_the_session_on_the_server(client, worker):
    logged_in(client, worker)
    cookie = client.cookies["sessionid"].value
    assert Session.objects.filter(session_key=cookie).exists()
    client.post(reverse("account_logout"))
    assert not Session.objects.filter(session_key=cookie).exists()

    from conftest import FormClient

    replay = FormClient()
    replay.cookies["sessionid"] = cookie
    assert is_sent_to_login(replay.get(reverse("home")))


def test_session_cookie_is_httponly_and_ends_with_the_browser(client, worker):
    logged_in(client, worker)
    morsel = client.cookies["sessionid"]
    assert morsel["httponly"]
    assert morsel["expires"] == ""
    assert morsel["samesite"] == "Lax"


def test_the_session_and_its_activity_are_written_at_most_once_a_minute(client, worker):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        logged_in(client, worker)
        traveller.shift(timedelta(seconds=61))
        assert client.get(reverse("home")).status_code == 200
        renewed = Session.objects.get().expire_date
        seen = UserSession.objects.get(user=worker).last_seen_at
        assert renewed == timezone.now() + timedelta(minutes=30)
        traveller.shift(timedelta(seconds=30))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("home")).status_code == 200
        writes = [q["sql"] for q in queries.captured_queries if q["sql"].startswith(("UPDATE", "INSERT"))]
        assert not [sql for sql in writes if "django_session" in sql or "usersession" in sql]
        assert Session.objects.get().expire_date == renewed
        traveller.shift(timedelta(seconds=31))
        assert client.get(reverse("home")).status_code == 200
        assert Session.objects.get().expire_date == timezone.now() + timedelta(minutes=30)
        assert UserSession.objects.get(user=worker).last_seen_at > seen
