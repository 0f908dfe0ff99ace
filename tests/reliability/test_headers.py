"""Every page sends HSTS (over HTTPS, as in production), CSP, nosniff and Referrer-Policy, and no-store
when a person is logged in; `check --deploy --fail-level WARNING` with production values reports nothing."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.reliability.access import ANON, OWN, ROLES, served_routes
from tests.reliability.figures import record
from tests.reliability.matrix import url_for

ROOT = Path(__file__).resolve().parents[2]


def page_role(route):
    return next((role for role in ROLES if role in route.get and role != ANON), None)


def header_problems(response, authenticated):
    problems = []
    hsts = response.get("Strict-Transport-Security", "")
    if "max-age=31536000" not in hsts or "includeSubDomains" not in hsts:
        problems.append(f"HSTS {hsts!r}")
    csp = response.get("Content-Security-Policy", "")
    if "script-src 'self'" not in csp or "unsafe-inline" in csp or "frame-ancestors 'none'" not in csp:
        problems.append(f"CSP {csp!r}")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("nosniff missing")
    if response.get("Referrer-Policy") not in ("same-origin", "no-referrer", "strict-origin-when-cross-origin"):
        problems.append(f"Referrer-Policy {response.get('Referrer-Policy')!r}")
    if authenticated and "no-store" not in response.get("Cache-Control", ""):
        problems.append(f"Cache-Control {response.get('Cache-Control')!r}")
    return problems


@pytest.mark.django_db
def test_every_page_sends_the_security_headers(world):
    assert django_settings.SECURE_HSTS_SECONDS == 31536000, "the suite runs with the production HSTS setting"
    pages = [(url_for(route, world, OWN), page_role(route)) for route in served_routes() if page_role(route)]
    pages += [("/account/login/", ANON), ("/account/password/reset/", ANON), ("/bestaat-niet/", "youth_worker")]
    wrong = []
    for url, role in pages:
        response = world.client(role).get(url, secure=True)
        assert response.status_code < 500
        wrong += [f"{url} as {role}: {problem}" for problem in header_problems(response, role != ANON)]
    record("headers.pages", len(pages))
    assert wrong == []


@pytest.mark.django_db
def test_the_header_check_notices_a_missing_header(world, settings):
    settings.SECURE_CONTENT_TYPE_NOSNIFF = False
    response = world.client("youth_worker").get("/", secure=True)

    assert header_problems(response, True) == ["nosniff missing"]


def production_env(**overrides):
    # Not DJANGO_*: the browser fixture sets DJANGO_ALLOW_ASYNC_UNSAFE in this process, never in production.
    excluded = ("SECURE_", "DEBUG", "TEST_", "DJANGO_")
    env = {key: value for key, value in os.environ.items() if not key.startswith(excluded)}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="false",
        ALLOWED_HOSTS="jongerenwerk.example.org",
        SITE_URL="https://jongerenwerk.example.org",
    )
    env.update(overrides)
    return env


def deploy_check(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_production_values_reports_nothing():
    result = deploy_check(production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_would_notice_a_weakened_setting():
    result = deploy_check(production_env(SECURE_SSL_REDIRECT="false"))

    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr
