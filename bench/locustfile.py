"""Locust journeys for `make bench`: workers log contacts and open their week, team leads triage signals,
managers build reports. `FloorUser` does the same number of requests to the floor view only.

Reads the sessions and URLs that `bench.measure.http_setup` wrote (env BENCH_HTTP). Each simulated
person has their own session. Pages whose part is not merged yet are left out of the journeys.
"""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

with open(os.environ["BENCH_HTTP"]) as _handle:
    SETUP = json.load(_handle)

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# How often each role opens each page (relative weights).
JOURNEYS = {
    "worker": {"worker_home": 2, "week_view": 3, "contact_quick_post": 3, "notifications": 1},
    "lead": {"worker_home": 1, "signal_queue": 3, "signal_page": 3},
    "manager": {"worker_home": 1, "manager_report": 3, "ack_report": 1},
}
_people = {role: itertools.cycle(people) for role, people in SETUP["load_users"].items() if people}
_everyone = itertools.cycle([person for people in SETUP["load_users"].values() for person in people])


def ready_steps(role, person):
    """The weighted list of page targets this person's journey uses (merged parts only)."""
    steps = []
    for key, weight in JOURNEYS[role].items():
        entry = person["pages"].get(key, {})
        if "not_ready" not in entry and "url" in entry:
            steps.extend([(key, entry)] * weight)
    return steps


def get_page(client, url, name):
    """A GET that counts as an error unless the page itself answers (no redirect to the login page)."""
    with client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
        if response.status_code != 200:
            response.failure(f"HTTP {response.status_code}")


class JourneyUser(HttpUser):
    abstract = True
    role = None
    wait_time = between(0.1, 0.5)

    def on_start(self):
        person = next(_people[self.role])
        self.client.cookies.set("sessionid", person["session"])
        self.steps = ready_steps(self.role, person)
        self.person = person

    @task
    def step(self):
        if not self.steps:
            return
        key, entry = random.choice(self.steps)
        if entry["method"] == "POST":
            self.post_form(key, entry)
        else:
            get_page(self.client, entry["url"], key)

    def post_form(self, key, entry):
        form = self.client.get(entry["form_url"], name=f"{key}:form", allow_redirects=False)
        match = CSRF.search(form.text or "")
        if not match:
            return
        data = {**entry.get("data", {}), "csrfmiddlewaretoken": match.group(1)}
        with self.client.post(
            entry["url"], data=data, name=key, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code not in (200, 302, 303) or "is-invalid" in response.text:
                response.failure(f"HTTP {response.status_code}")


class WorkerUser(JourneyUser):
    role = "worker"
    weight = 6


class LeadUser(JourneyUser):
    role = "lead"
    weight = 3


class ManagerUser(JourneyUser):
    role = "manager"
    weight = 1


class FloorUser(HttpUser):
    """The same number of people, each with their own session, opening only the floor view."""

    wait_time = between(0.1, 0.5)

    def on_start(self):
        self.client.cookies.set("sessionid", next(_everyone)["session"])
        self.url = SETUP["pages"]["floor"]["url"]

    @task
    def floor(self):
        get_page(self.client, self.url, "floor")
