"""Logging in: audit events, allauth's throttling, one login door, and password reset limits."""

import pytest
from django.urls import reverse

from accounts.tests.factories import TEST_PASSWORD
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db
LOGIN = "/account/login/"


def test_redis_is_the_cache_in_tests(settings):
    # Throttling counts in the cache; with Redis it holds across processes.
    assert settings.CACHES["default"]["BACKEND"] == "jongerenwerk.cache.ResilientRedisCache"  # a RedisCache


def test_login_writes_a_login_event(client, worker):
    response = client.post(LOGIN, {"login": worker.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
    assert event.actor == worker
    assert event.organisation_id == worker.organisation_id
    assert event.ip == "127.0.0.1"


def test_failed_login_writes_a_login_failed_event_without_the_typed_text(client, worker):
    response = client.post(LOGIN, {"login": worker.email, "password": "verkeerd-wachtwoord-1"})
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.actor is None
    assert (event.object_type, event.object_id) == ("accounts.user", str(worker.pk))
    assert event.organisation_id == worker.organisation_id
    assert "verkeerd" not in event.detail


def test_failed_login_for_an_unknown_address_stores_no_address(client, db):
    client.post(LOGIN, {"login": "niemand@example.org", "password": "verkeerd-wachtwoord-1"})
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert (event.object_type, event.object_id, event.organisation_id) == ("", "", None)


def test_repeated_failed_logins_are_throttled_even_with_the_right_password(client, worker):
    for _ in range(5):
        client.post(LOGIN, {"login": worker.email, "password": "verkeerd-wachtwoord-1"})
    response = client.post(LOGIN, {"login": worker.email, "password": TEST_PASSWORD})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Te veel inlogpogingen" in response.content.decode()


def test_django_admin_sends_to_the_app_login(client):
    response = client.get("/django-admin/")
    assert response.status_code == 302
    response = client.get(response.url)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_django_admin_login_form_does_not_log_anyone_in(client, worker):
    worker.is_staff = True
    worker.save()
    response = client.post("/django-admin/login/", {"username": worker.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_password_reset_is_rate_limited(client, worker):
    url = reverse("account_reset_password")
    statuses = [client.post(url, {"email": worker.email}).status_code for _ in range(6)]
    assert statuses[:5] == [302] * 5
    assert statuses[5] == 429


def test_password_reset_email_holds_only_the_link(client, worker, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": worker.email})
    assert len(mailoutbox) == 1
    assert "/account/password/reset/key/" in mailoutbox[0].body
    assert "Team A" not in mailoutbox[0].body


def test_a_wrong_second_factor_code_writes_a_login_failed_event(client, lead):
    response = client.post(LOGIN, {"login": lead.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert "/account/2fa/authenticate/" in response.url
    client.post(response.url, {"code": "000000"})
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert (event.object_type, event.object_id, event.detail) == ("accounts.user", str(lead.pk), "second factor")
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN).exists()


def test_the_right_second_factor_code_logs_in_once(client, lead):
    from accounts.tests.factories import totp_code

    response = client.post(LOGIN, {"login": lead.email, "password": TEST_PASSWORD})
    client.post(response.url, {"code": totp_code(lead.totp_secret)})
    assert client.session["_auth_user_id"] == str(lead.pk)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN, actor=lead).count() == 1
