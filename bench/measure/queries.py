"""Queries per page, in-process with Django's test client, for the database in DATABASE_URL.

Each page is requested once to warm up (caches a first request fills) and once measured with
`CaptureQueriesContext`; the count includes what every request costs (session, person, session save).
Transaction control (BEGIN, COMMIT, savepoints) is counted apart: Django 5 records it, but the page does
not ask it.
"""

import argparse
from urllib.parse import urlencode

from bench.measure import setup_django, write_json

TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"}
# Forms are posted urlencoded, as browsers send them (the app refuses multipart bodies: no uploads).
FORM = "application/x-www-form-urlencoded"


def client_for(user):
    """A test client logged in as `user`, past the second factor, as after a real login; `post_form` posts."""
    from django.test import Client

    from bench.personas import BACKEND, mark_logged_in

    client = Client(raise_request_exception=False)
    client.force_login(user, backend=BACKEND)
    client.post_form = lambda path, data: client.post(path, urlencode(data, doseq=True), content_type=FORM)
    session = client.session
    mark_logged_in(session)
    session.save()
    return client


def count(client, target):
    """(status, number of queries) of one request to the page (for a POST: the POST itself)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        if target["method"] == "POST":
            response = client.post_form(target["url"], target.get("data", {}))
        else:
            response = client.get(target["url"])
    sql = [q["sql"][:300] for q in queries.captured_queries]
    return response.status_code, sum(1 for text in sql if not is_transaction_control(text)), sql


def is_transaction_control(sql):
    """BEGIN, COMMIT, savepoints: Django 5 counts them, but they are not queries the page asks."""
    return sql.split(" ", 1)[0].upper() in TRANSACTION_CONTROL


def measure(personas):
    from bench.parts import PAGES, NotReady

    results = {}
    clients = {}
    for page in PAGES:
        try:
            target = page.target(personas[page.persona])
        except NotReady as reason:
            results[page.key] = {"label": page.label, "not_measured": str(reason)}
            continue
        client = clients.setdefault(page.persona, client_for(personas[page.persona]))
        if target["method"] == "POST":
            client.get(target["form_url"])
        else:
            client.get(target["url"])
        status, queries, sql = count(client, target)
        results[page.key] = {
            "label": page.label,
            "status": status,
            "queries": queries,
            "statements": len(sql),
            "sql": sql,
        }
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings

    from bench.personas import load_personas

    settings.DEBUG = False
    write_json(args.out, {"database": settings.DATABASES["default"]["NAME"], "pages": measure(load_personas())})


if __name__ == "__main__":
    main()
