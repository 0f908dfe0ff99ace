"""Every form, fuzzed with Hypothesis from its own fields, POSTed through the real view as a person
allowed to use it: overlong text, null bytes, RTL and emoji, HTML and script, SQL fragments,
impossible dates and durations, unknown choices. Zero 500s; nothing posted comes back unescaped.

The examples are spread over the forms: JW_FUZZ_EXAMPLES in total (CI 1,000; `make test-long` 10,000).
"""

import math
from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests.reliability.access import ANON, OWN, ROLES, WORKER, served_routes
from tests.reliability.figures import record
from tests.reliability.fuzz import TOTAL_EXAMPLES, form_fields, forms_in, run_fuzz
from tests.reliability.matrix import url_for


@dataclass(frozen=True)
class Target:
    name: str
    role: str
    route: object = None  # a row of the access table, or None for allauth's own pages

    def url(self, world):
        return url_for(self.route, world, OWN) if self.route else reverse(self.name)

    def extra_keys(self, world):
        return list(self.route.post_data(world)) if self.route and self.route.post_data else []


def fuzz_role(route):
    if route.fuzz_as:
        return route.fuzz_as
    return next(role for role in ROLES if role in route.post and role != ANON) if route.post - {ANON} else ANON


# allauth's own forms (login, password, e-mail, sessions) are forms people type into too.
ALLAUTH_TARGETS = [
    Target("account_login", ANON),
    Target("account_reset_password", ANON),
    Target("account_signup", ANON),
    Target("account_change_password", WORKER),
    Target("account_email", WORKER),
    Target("account_reauthenticate", WORKER),
    Target("mfa_activate_totp", WORKER),
    Target("usersessions_list", WORKER),
]
TARGETS = [
    *(Target(route.name, fuzz_role(route), route) for route in served_routes() if route.post and route.fuzz),
    *ALLAUTH_TARGETS,
]
EXAMPLES_PER_TARGET = max(1, math.ceil(TOTAL_EXAMPLES / len(TARGETS)))


@pytest.mark.django_db
@pytest.mark.parametrize("target", TARGETS, ids=[target.name for target in TARGETS])
def test_hostile_input_never_breaks_a_form(target, world):
    client = world.client(target.role)
    url = target.url(world)
    fields = {}
    page = client.get(url)
    if page.status_code == 200:
        for form in forms_in(page):
            fields.update(form_fields(form))
    try:
        seen = run_fuzz(client, url, fields, target.extra_keys(world), EXAMPLES_PER_TARGET)
    finally:
        seen = run_fuzz.last
        record(f"fuzz.examples.{target.name}", seen["examples"])
        record(f"fuzz.fields.{target.name}", len(fields))
        record(f"fuzz.5xx.{target.name}", seen["errors_5xx"])
        record(f"fuzz.reflected.{target.name}", seen["reflected"])
    assert seen["examples"] >= min(EXAMPLES_PER_TARGET, 10)


def test_every_route_that_takes_a_post_is_fuzzed_or_says_why():
    for route in served_routes():
        assert route.fuzz or route.note, f"{route.name}: fuzz=False needs a note saying why"
