"""Dutch by default; the language switch is remembered on the person and follows them to another device."""

import pytest
from django.urls import reverse

from accounts.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_dutch_is_the_default(client_for, worker):
    body = client_for(worker).get(reverse("home")).content.decode()
    assert '<html lang="nl">' in body
    assert "Hoi Wessel" in body


def test_switching_to_english_is_remembered_on_the_person(client_for, worker):
    client = client_for(worker)
    response = client.post(reverse("accounts:language"), {"language": "en", "next": "/mijn-teams/"})
    assert response.status_code == 302 and response.url == "/mijn-teams/"
    worker.refresh_from_db()
    assert worker.language == "en"
    body = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in body
    assert "Hi Wessel" in body


def test_the_chosen_language_follows_the_person_to_another_device(client, worker):
    worker.language = "en"
    worker.save()
    from conftest import FormClient

    other_device = FormClient()
    other_device.post("/account/login/", {"login": worker.email, "password": TEST_PASSWORD})
    assert '<html lang="en">' in other_device.get(reverse("home")).content.decode()


def test_an_anonymous_visitor_switches_with_a_cookie(client):
    client.post(reverse("accounts:language"), {"language": "en", "next": "/account/login/"})
    assert client.cookies["django_language"].value == "en"
    assert '<html lang="en">' in client.get("/account/login/").content.decode()


def test_an_unknown_language_or_foreign_next_changes_nothing(client_for, worker):
    client = client_for(worker)
    response = client.post(reverse("accounts:language"), {"language": "de", "next": "https://evil.example.org/"})
    assert response.url == "/"
    worker.refresh_from_db()
    assert worker.language == "nl"


def test_an_english_browser_still_gets_dutch_until_the_person_switches(client):
    response = client.get("/account/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl">' in response.content.decode()
