"""Crawl the app as every demo person on the embedded default (`make run`: SQLite, tasks inline).

Run by `tests/test_embedded_default.py` in its own process, with DATABASE_URL pointing at a fresh SQLite file
that has been migrated and seeded. Prints one line per page that did not answer 200 and exits 1 if any did.
"""

import os
import re
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jongerenwerk.settings")
django.setup()

from allauth.mfa.models import Authenticator  # noqa: E402
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

LINK = re.compile(r'href="(/[^"#?]*)"')
SKIP = ("/static/", "/accounts/logout", "/uitloggen", "/admin/")


def through_the_gates(client, person):
    """Past what stands before the home page: MFA enrolment for roles that need it, then each policy to confirm."""
    if not Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(person, generate_totp_secret())
    for _ in range(20):
        home = client.get("/")
        if home.status_code != 302 or "/beleid/bevestigen/" not in home["Location"]:
            return home
        client.post(home["Location"], "", content_type="application/x-www-form-urlencoded")
    return home


def pages_of(client, person):
    """The home page's own links (menu, panels), each once."""
    home = through_the_gates(client, person)
    found = {"/"} | {href for href in LINK.findall(home.content.decode()) if not href.startswith(SKIP)}
    return home, sorted(found)


def main():
    failures, seen = [], 0
    for person in get_user_model().objects.filter(is_active=True).order_by("email"):
        client = Client(HTTP_HOST="localhost")
        client.force_login(person)
        home, paths = pages_of(client, person)
        if home.status_code != 200:
            failures.append(f"{person.email} GET /: {home.status_code} {home.get('Location', '')}")
        for path in paths:
            response = client.get(path)
            seen += 1
            if response.status_code != 200:
                failures.append(f"{person.email} GET {path}: {response.status_code} {response.get('Location', '')}")
    sys.stdout.write(f"{seen} pages requested\n")
    for failure in failures:
        sys.stdout.write(failure + "\n")
    sys.exit(1 if failures or not seen else 0)


if __name__ == "__main__":
    main()
