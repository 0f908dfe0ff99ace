"""Login and sessions: every login door is throttled and the throttle lifts after its cool-off; a
session cookie replayed after logout is refused; a deactivated person is refused at once; a person whose
role needs MFA reaches no page before enrolling."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import Membership, User
from accounts.tests.factories import TEST_PASSWORD, make_member
from tests.reliability.access import OWN, WORKER, load_all, resolver_urls
from tests.reliability.figures import record
from tests.reliability.matrix import is_login_redirect, post_form, url_for

pytestmark = pytest.mark.django_db
LOGIN = "/account/login/"
MFA_EXEMPT = {"accounts:language"}


def logged_in(client):
    return "_auth_user_id" in client.session


def try_login(client, email, password):
    return post_form(client, LOGIN, {"login": email, "password": password})


@pytest.fixture
def traveller():
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=True) as traveller:
        yield traveller


def test_app_login_is_throttled_per_account_and_lifts_after_five_minutes(world, traveller):
    email = world.users[WORKER].email
    client = Client()
    for _ in range(5):
        assert try_login(client, email, "fout-wachtwoord").status_code == 200

    throttled = try_login(client, email, TEST_PASSWORD)

    assert not logged_in(client), "the right password got in during the throttle"
    assert throttled.status_code in (200, 429)
    traveller.shift(dt.timedelta(minutes=5, seconds=1))
    assert try_login(client, email, TEST_PASSWORD).status_code == 302
    assert logged_in(client)


def test_app_login_is_throttled_per_address_across_accounts(world, traveller):
    client = Client()
    for number in range(10):
        try_login(client, f"geraden{number}@example.org", "fout-wachtwoord")

    try_login(client, world.users[WORKER].email, TEST_PASSWORD)

    assert not logged_in(client)
    traveller.shift(dt.timedelta(minutes=1, seconds=1))
    try_login(client, world.users[WORKER].email, TEST_PASSWORD)
    assert logged_in(client)


def test_the_admin_has_no_login_of_its_own(world):
    client = Client()

    page = client.get("/django-admin/login/")
    posted = post_form(
        client, "/django-admin/login/", {"username": world.users[WORKER].email, "password": TEST_PASSWORD}
    )

    assert page.status_code == 302 and page["Location"].startswith(LOGIN)
    assert posted.status_code == 302 and posted["Location"].startswith(LOGIN)
    assert not logged_in(client)
    assert client.get("/django-admin/", follow=True).redirect_chain[-1][0].startswith(LOGIN)


def test_brute_force_through_the_admin_door_meets_the_same_throttle(world, traveller):
    """The admin sends everyone to the app login, so its attempts count against the same limit."""
    client = Client()
    email = world.users[WORKER].email
    for _ in range(5):
        landing = client.get("/django-admin/login/", follow=True)
        assert landing.redirect_chain[-1][0].startswith(LOGIN)
        try_login(client, email, "fout-wachtwoord")

    try_login(client, email, TEST_PASSWORD)

    assert not logged_in(client)


def test_password_reset_is_throttled_and_lifts_after_a_minute(world, traveller):
    client = Client()
    email = world.users[WORKER].email
    statuses = [post_form(client, "/account/password/reset/", {"email": email}).status_code for _ in range(8)]

    assert len(mail.outbox) == 5
    assert statuses[:5] == [302] * 5
    assert set(statuses[5:]) == {429}
    traveller.shift(dt.timedelta(minutes=1, seconds=1))
    assert post_form(client, "/account/password/reset/", {"email": email}).status_code == 302
    assert len(mail.outbox) == 6


def test_a_session_cookie_replayed_after_logout_is_refused(world):
    client = Client()
    try_login(client, world.users[WORKER].email, TEST_PASSWORD)
    assert client.get("/").status_code == 200
    stolen = client.cookies[django_settings.SESSION_COOKIE_NAME].value

    post_form(client, "/account/logout/", {})
    replay = Client()
    replay.cookies[django_settings.SESSION_COOKIE_NAME] = stolen

    assert is_login_redirect(replay.get("/"))
    assert is_login_redirect(replay.get(reverse("notifications:list")))


def test_deactivating_a_person_refuses_their_next_request(world):
    client = world.client(WORKER)
    assert client.get("/").status_code == 200

    User.objects.filter(pk=world.users[WORKER].pk).update(is_active=False)

    assert is_login_redirect(client.get("/"))
    assert is_login_redirect(post_form(client, reverse("notifications:read_all"), {}))


def test_public_sign_up_is_closed(world):
    client = Client()
    count = User.objects.count()

    post_form(
        client,
        "/account/signup/",
        {"email": "nieuw@example.org", "password1": "een-lang-wachtwoord-99", "password2": "een-lang-wachtwoord-99"},
    )

    assert User.objects.count() == count
    assert not logged_in(client)


def test_nobody_on_an_mfa_role_gets_past_enrolment(world):
    """Walk every URL (and the admin) as a team lead without an authenticator: each one sends to enrolment."""
    unenrolled = make_member(world.team_a, Membership.Role.TEAM_LEAD, mfa=False)
    client = Client()
    client.force_login(unenrolled)
    enrol = reverse("mfa_activate_totp")
    routes, names = load_all(), resolver_urls()
    # The language switch works before login and before enrolment (it changes only a cookie).
    urls = [url_for(routes[name], world, OWN) for name in names if name in routes and name not in MFA_EXEMPT]
    urls += ["/django-admin/", "/django-admin/accounts/user/"]
    passed = []
    for url in urls:
        for response in (client.get(url), post_form(client, url, {})):
            if not (response.status_code == 302 and response["Location"] == enrol):
                passed.append(f"{response.request['REQUEST_METHOD']} {url}: {response.status_code}")

    record("mfa_walk.urls", len(urls))
    assert passed == []
    assert len(urls) >= len(names) - len(MFA_EXEMPT)
