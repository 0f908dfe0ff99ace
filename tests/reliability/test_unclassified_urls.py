"""The checks that need no expected-access table, for URLs merged before their rows were written
(access/pending.py): for every role, GET and POST, nothing answers 5xx; with ids of objects that do not
exist nothing is served; anonymous goes to the login page; an un-enrolled team lead goes to MFA
enrolment; a multipart upload is refused."""

import random

import pytest
from django.test.client import encode_multipart
from django.urls import reverse

from accounts.models import Membership
from accounts.tests.factories import make_member
from tests.reliability.access import ANON, ROLES, resolver_urls
from tests.reliability.access.pending import PENDING
from tests.reliability.figures import record
from tests.reliability.matrix import describe, is_login_redirect, post_form

URLS = resolver_urls()
NAMES = sorted(PENDING & set(URLS))
CONVERTER_VALUE = {"int": lambda rng: rng.randrange(10**9, 2**62), "str": lambda rng: "bestaat-niet-2099-13"}


def url_with_missing_objects(name, rng):
    import re

    kwargs = {
        key: CONVERTER_VALUE.get(kind or "str", CONVERTER_VALUE["str"])(rng)
        for kind, key in re.findall(r"<(?:(\w+):)?(\w+)>", URLS[name])
    }
    return reverse(name, kwargs=kwargs), bool(kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("name", NAMES)
def test_an_unclassified_url_meets_the_table_free_checks(name, world):
    url, about_objects = url_with_missing_objects(name, random.Random(name))
    wrong = []
    for role in ROLES:
        client = world.client(role)
        for method in ("GET", "POST"):
            response = client.get(url) if method == "GET" else post_form(client, url, {})
            status = response.status_code
            if status >= 500:
                wrong.append(f"{method} as {role}: {describe(response)}")
            elif role == ANON and not (is_login_redirect(response) or status in (403, 404, 405)):
                wrong.append(f"{method} as anonymous: {describe(response)} (not sent to login)")
            elif about_objects and 200 <= status < 300:
                wrong.append(f"{method} as {role}: {status} for an object that does not exist")
    upload = type(
        "Upload", (), {"name": "foto.jpg.txt", "read": lambda self: b"\xff\xd8\xff", "content_type": "text/plain"}
    )()
    body = encode_multipart("jw", {"bestand": upload})
    if world.client("youth_worker").post(url, body, content_type="multipart/form-data; boundary=jw").status_code != 415:
        wrong.append("a multipart upload was not refused with 415")
    unenrolled = make_member(world.team_a, Membership.Role.TEAM_LEAD, mfa=False)
    lead = world.client(ANON).__class__()
    lead.force_login(unenrolled)
    if lead.get(url).status_code != 302 or lead.get(url)["Location"] != reverse("mfa_activate_totp"):
        wrong.append("an un-enrolled team lead was not sent to MFA enrolment")
    record(f"unclassified.checked.{name}", 1)
    assert wrong == [], f"{url}: " + "; ".join(wrong)
