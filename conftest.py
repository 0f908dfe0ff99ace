"""The named cast every test uses, and the shared fixtures (browser, clients, celery)."""

import os
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import Membership
from accounts.tests.factories import OrganisationFactory, TeamFactory, make_member

Role = Membership.Role
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def pytest_configure(config):
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        pytest.exit("The suite runs on PostgreSQL only: use `make test` (it sets DATABASE_URL).", returncode=2)
    # The live server serves static files through the finders, which know no hashed names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    # A fast hasher: the cast's passwords are hashed hundreds of times per run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _isolated_cache_and_eager_tasks(request):
    """Each test starts with an empty cache, and tasks run inline unless a real worker is the subject."""
    from django.core.cache import cache

    from jongerenwerk.celery import app

    cache.clear()
    eager = "celery_worker" not in request.keywords
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    yield
    app.conf.task_always_eager = previous


# The cast ---------------------------------------------------------------------------------------


@pytest.fixture
def org(db):
    return OrganisationFactory(name="Jongerenwerk Noord-Oost")


@pytest.fixture
def team_a(org):
    return TeamFactory(organisation=org, name="Team A")


@pytest.fixture
def team_b(org):
    return TeamFactory(organisation=org, name="Team B")


@pytest.fixture
def worker(team_a):
    """A youth worker in team A."""
    return make_member(team_a, Role.YOUTH_WORKER, full_name="Wessel Werker", email="worker@example.org")


@pytest.fixture
def lead(team_a):
    """The team lead of team A (MFA enrolled)."""
    return make_member(team_a, Role.TEAM_LEAD, full_name="Lotte Leider", email="lead@example.org")


@pytest.fixture
def officer(team_a):
    """The safeguarding officer (aandachtsfunctionaris) of team A (MFA enrolled)."""
    return make_member(team_a, Role.SAFEGUARDING_OFFICER, full_name="Olaf Officier", email="officer@example.org")


@pytest.fixture
def manager(team_a):
    """A manager of the organisation (membership in team A; sees the whole organisation)."""
    return make_member(team_a, Role.MANAGER, full_name="Mira Manager", email="manager@example.org")


@pytest.fixture
def administrator(team_a):
    """The administrator (beheerder) of the organisation."""
    return make_member(team_a, Role.ADMINISTRATOR, full_name="Bart Beheerder", email="admin@example.org")


@pytest.fixture
def outsider(team_b):
    """A youth worker in team B: same organisation, other team."""
    return make_member(team_b, Role.YOUTH_WORKER, full_name="Olga Buiten", email="outsider@example.org")


@pytest.fixture
def other_org(db):
    return OrganisationFactory(name="Andere Organisatie")


@pytest.fixture
def other_team(other_org):
    return TeamFactory(organisation=other_org, name="Team Elders")


@pytest.fixture
def stranger(other_team):
    """A team lead in another organisation: sees nothing of ours."""
    return make_member(other_team, Role.TEAM_LEAD, full_name="Sven Vreemd", email="stranger@example.org")


class FormClient(Client):
    """The test client posting forms as browsers do (urlencoded): the app refuses multipart bodies."""

    def post(self, path, data=None, content_type=FORM_CONTENT_TYPE, **extra):
        if content_type == FORM_CONTENT_TYPE and isinstance(data, dict):
            data = urlencode(data, doseq=True)
        return super().post(path, data if data is not None else "", content_type=content_type, **extra)


@pytest.fixture
def client():
    """Django's test client, posting urlencoded forms (overrides pytest-django's `client`)."""
    return FormClient()


@pytest.fixture
def client_for(client):
    """`client_for(user)`: the test client logged in as that person (None: anonymous)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


# Browser journeys ---------------------------------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """The system Chromium driven by Playwright (Playwright cannot download its own browser offline)."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser, live_server, request):
    """A fresh browser context on the live server; `shot(name)` saves a screenshot as a test artifact."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    folder = ARTIFACTS / "screenshots" / request.node.name
    folder.mkdir(parents=True, exist_ok=True)

    def shot(name):
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    page.shot = shot
    yield page
    context.close()


@pytest.fixture
def browser_login():
    """`browser_login(page, user)`: log in through the real login page (and the TOTP step when enrolled)."""
    from accounts.tests.factories import TEST_PASSWORD, totp_code

    def login(page, user, password=TEST_PASSWORD):
        page.goto("/account/login/")
        page.fill("input[name=login]", user.email)
        page.fill("input[name=password]", password)
        page.locator("form button[type=submit]").first.click()
        secret = getattr(user, "totp_secret", None)
        if secret:
            page.wait_for_selector("input[name=code]")
            page.fill("input[name=code]", totp_code(secret))
            page.locator("form button[type=submit]").first.click()
        page.wait_for_load_state()

    return login
