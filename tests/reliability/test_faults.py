"""Faults, against a PostgreSQL and a Redis this test starts itself on their own ports:

(a) a Celery worker SIGKILLed in the middle of sending, again and again: every notification is sent,
    none as two messages (a kill between the send and its commit re-sends the same message, with the
    same Message-ID: counted, at most one per kill; exactly-once across SMTP does not exist);
(b) PostgreSQL restarted while gunicorn serves: the styled error page (no traceback) during the restart,
    recovery without restarting gunicorn; and PostgreSQL crashed (`stop -m immediate`) in the middle of
    saving contacts with their young people and themes and signal steps with their event rows: no
    half-written record;
(c) Redis stopped while people keep working and registering: no 5xx, every contact and step saved whole,
    what fell due meanwhile is sent afterwards, once.

Sizes come from the environment: `make test` runs them short (JW_FAULT_KILLS=20, JW_REDIS_OUTAGE=15),
`make test-long` runs the issue's sizes (20 kills, 60 seconds without Redis); JW_PG_RESTARTS crashes (3).
"""

import contextlib
import functools
import itertools
import json
import os
import random
import threading
import time
from pathlib import Path

import pytest

from accounts.tests.factories import TEST_PASSWORD
from tests.reliability.faults.http import Browser
from tests.reliability.faults.remote import WORKER_EMAIL
from tests.reliability.faults.servers import celery_worker, gunicorn
from tests.reliability.faults.stack import Stack, wait_until
from tests.reliability.figures import record

pytestmark = [pytest.mark.faults, pytest.mark.timeout(900)]

KILLS = int(os.environ.get("JW_FAULT_KILLS", "20"))
PER_ROUND = int(os.environ.get("JW_FAULT_BATCH", "60"))
REDIS_OUTAGE = float(os.environ.get("JW_REDIS_OUTAGE", "15"))
PG_RESTARTS = int(os.environ.get("JW_PG_RESTARTS", "3"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "reliability" / "faults"
STYLED_500 = "Er ging iets mis"


@pytest.fixture(scope="module")
def stack():
    stack = Stack().up()
    try:
        yield stack
    finally:
        stack.down()
        stack.keep_logs(ARTIFACTS)
        stack.cleanup()


@pytest.fixture(scope="module")
def work(stack):
    """Platform, target group, themes, young people and triaged signals of the worker, for Writers."""
    return json.loads(stack.call("from tests.reliability.faults.remote import seed_work; seed_work()"))


def mail_files(stack):
    return len(os.listdir(stack.mail))


def assert_each_once(stack, markers, name, max_copies=0):
    """Every notification arrived, as one message (one Message-ID). A worker killed between sending and
    its commit sends the same message again (same Message-ID): counted as a copy, at most one per kill."""
    deliveries = stack.deliveries()
    missing = [marker for marker in markers if marker not in deliveries]
    two_messages = [marker for marker in markers if len(set(deliveries.get(marker, []))) > 1]
    no_id = [marker for marker in markers if None in deliveries.get(marker, [])]
    copies = sum(len(deliveries.get(marker, [])) - 1 for marker in markers if marker in deliveries)
    record(f"faults.{name}.notifications", len(markers))
    record(f"faults.{name}.missing", len(missing))
    record(f"faults.{name}.sent_as_two_messages", len(two_messages))
    record(f"faults.{name}.copies_of_the_same_message", copies)
    assert missing == [], f"{len(missing)} notifications never sent"
    assert no_id == [], "a notification email without a Message-ID"
    assert two_messages == [], f"{len(two_messages)} notifications sent as two different messages"
    assert copies <= max_copies, f"{copies} copies re-sent, more than the {max_copies} kills could cause"


def test_a_worker_killed_mid_send_loses_nothing_and_sends_nothing_twice(stack):
    rng = random.Random(20)
    markers, mid_send = [], 0
    for round_number in range(KILLS):
        batch = stack.schedule(f"kill{round_number}", PER_ROUND)
        markers += batch
        worker = stack.start(celery_worker(stack.env, stack.logs, name=f"kill{round_number}"))
        before = mail_files(stack)
        stack.enqueue_send_due()
        assert wait_until(lambda before=before: mail_files(stack) > before, 90, interval=0.005), "nothing sent"
        time.sleep(rng.uniform(0, 0.04))
        worker.kill()
        worker.process.wait(10)
        mid_send += bool(stack.unsent(batch))
    record("faults.worker_kill.kills", KILLS)
    record("faults.worker_kill.kills_mid_send", mid_send)

    worker = stack.start(celery_worker(stack.env, stack.logs, name="after"))
    stack.enqueue_send_due()
    assert wait_until(lambda: not stack.unsent(markers), 180), f"{len(stack.unsent(markers))} still unsent"
    time.sleep(1)
    worker.stop()

    assert mid_send >= KILLS // 2, "the kills did not land while sending"
    assert_each_once(stack, markers, "worker_kill", max_copies=KILLS)


class Traffic:
    """People working: logged-in page views and actions, and new logins, in a loop on a thread."""

    def __init__(self, base):
        self.base = base
        self.results = []  # (monotonic time, what, status, body)
        self.stopped = threading.Event()
        self.last_login = 0.0
        self.browser = Browser(base)
        assert self.browser.login(WORKER_EMAIL, TEST_PASSWORD)
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        steps = [
            ("home", lambda: self.browser.get("/")),
            ("list", lambda: self.browser.get("/meldingen/")),
            ("read_all", lambda: self.browser.post("/meldingen/gelezen/", form_page="/meldingen/")),
            ("login", self.fresh_login),
        ]
        while not self.stopped.is_set():
            for what, step in steps:
                started = time.monotonic()
                try:
                    answer = step()
                    if answer is None:
                        continue
                    status, body, _ = answer
                except OSError as error:  # a refused connection is not an answer
                    status, body = 0, repr(error)
                self.results.append((started, what, status, body))
            time.sleep(0.05)

    def fresh_login(self):
        # A new login every few seconds: more would meet the login throttle (30 a minute per address).
        if time.monotonic() - self.last_login < 4:
            return None
        self.last_login = time.monotonic()
        browser = Browser(self.base)
        status, body, headers = browser.post("/account/login/", {"login": WORKER_EMAIL, "password": TEST_PASSWORD})
        return (status if status != 302 or "/account/login" not in headers.get("Location", "") else 401), body, headers

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.thread.join(30)

    def between(self, start, end):
        return [result for result in self.results if start <= result[0] <= end]


def test_postgres_restart_gives_the_styled_error_page_and_the_app_recovers(stack):
    stack.redis.flush()
    web = stack.start(gunicorn(stack.env, stack.web_port, stack.logs, name="web-pg-restart"))
    base = f"http://127.0.0.1:{stack.web_port}"
    logins_before = stack.postgres.query(stack.database, "SELECT count(*) FROM audit_auditevent WHERE action='login'")
    with Traffic(base) as traffic:
        time.sleep(2)
        down_at = time.monotonic()
        stack.postgres.stop("fast")
        time.sleep(4)
        stack.postgres.start()
        up_at = time.monotonic()
        assert wait_until(lambda: Browser(base).get("/account/login/")[0] == 200, 30), "no recovery"
        recovered_at = time.monotonic()
        time.sleep(3)
    during = traffic.between(down_at, up_at)
    after = [result for result in traffic.results if result[0] > recovered_at + 0.5]
    errors = [result for result in traffic.results if result[2] >= 500]
    record("faults.pg_restart.requests", len(traffic.results))
    record("faults.pg_restart.requests_during_outage", len(during))
    record("faults.pg_restart.styled_500", sum(STYLED_500 in body for *_, status, body in errors))
    record("faults.pg_restart.recovery_seconds", round(recovered_at - up_at, 2))

    assert web.alive(), "gunicorn itself went down"
    assert any(status >= 500 for _, _, status, _ in during), "no request met the outage"
    assert all(status in (200, 302, 500) for _, _, status, _ in during), {r[2] for r in during}
    for _, what, _, body in errors:
        assert STYLED_500 in body and "Traceback" not in body, f"{what}: not the styled page: {body[:300]}"
    assert after and all(status < 500 for _, _, status, _ in after), [r[:3] for r in after if r[2] >= 500]
    # No half-written record: every login that answered "you are in" has its audit event.
    logins = sum(1 for _, what, status, _ in traffic.results if what == "login" and status == 302)
    events = stack.postgres.query(stack.database, "SELECT count(*) FROM audit_auditevent WHERE action='login'")
    assert events[0][0] - logins_before[0][0] >= logins + 1
    web.stop()


class Writers:
    """Youth workers saving at the same time over HTTP: full contacts with young people and themes, and
    steps of their signals; each write carries its own tag (in the impression, in the facts)."""

    def __init__(self, base, work, prefix, count=4):
        self.base, self.work, self.prefix = base, work, prefix
        self.results = []  # (monotonic time, what, tag, status, body)
        self.expected = {}  # contact tag -> (young person ids, theme ids)
        self.stopped = threading.Event()
        self.browsers = [Browser(base) for _ in range(count)]
        for browser in self.browsers:
            assert browser.login(WORKER_EMAIL, TEST_PASSWORD)
        self.threads = [threading.Thread(target=self.run, args=(n,), daemon=True) for n in range(count)]

    def run(self, number):
        browser, rng, today = self.browsers[number], random.Random(number), time.strftime("%Y-%m-%d")
        for round_number in itertools.count():
            if self.stopped.is_set():
                return
            tag = f"{self.prefix}-{number}-{round_number}"
            if round_number % 2 == 0:
                young_people = sorted(rng.sample(self.work["young_people"], rng.randint(1, 3)))
                themes = sorted(rng.sample(self.work["themes"], rng.randint(1, 3)))
                self.expected[tag] = (young_people, themes)
                what, path = "contact", "/registratie/contact/nieuw/"
                data = {
                    "team": self.work["team"],
                    "platform": self.work["platform"],
                    "target_group": self.work["target_group"],
                    "duration_minutes": 15,
                    "young_people_count": len(young_people),
                    "kind": "group" if len(young_people) > 1 else "individual",
                    "channel": "dm",
                    "date": today,
                    "young_people": young_people,
                    "themes": themes,
                    "actions": ["listened"],
                    "impression": f"storing {tag}",
                }
            else:
                signal = self.work["signals"][round_number // 2 % len(self.work["signals"])]
                what, path = "step", f"/signalen/{signal}/stap/map/"
                data = {"happened_on": today, "facts": f"storing {tag}"}
            started = time.monotonic()
            try:
                status, body, _ = browser.post(path, data)
            except OSError as error:
                status, body = 0, repr(error)
            self.results.append((started, what, tag, status, body))

    def saved(self):
        """The tags of the saves that answered "saved" (a redirect), per kind."""
        return {
            what: [tag for _, kind, tag, status, _ in self.results if kind == what and status == 302]
            for what in ("contact", "step")
        }

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        for thread in self.threads:
            thread.join(30)


# Where the crash cuts the saves in: a table locked by the test holds each save right before it writes there.
# Each round its own point: a contact with its themes but not yet its young people, a step without its event
# row; a contact without any link, a signal locked for a step not yet written; everything but the audit events.
CUT_POINTS = (
    "registration_contact_young_people, signals_signalevent",
    "registration_contact_themes, signals_signalstep",
    "audit_auditevent",
)


def hold_writes_at(stack, tables):
    """A connection in a transaction holding `tables` locked: saves that reach them wait, half done."""
    connection = stack.postgres.connect(stack.database)
    cursor = connection.cursor()
    cursor.execute("BEGIN")
    cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
    return connection


def wait_for_held_saves(stack, at_least=2, timeout=20):
    """The backends whose save waits at the lock (one per gunicorn worker, or at least one)."""
    deadline, held = time.monotonic() + timeout, []
    with contextlib.closing(stack.postgres.connect("postgres")) as connection, connection.cursor() as cursor:
        while time.monotonic() < deadline and len(held) < at_least:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'", (stack.database,)
            )
            held = [pid for (pid,) in cursor.fetchall()]
            time.sleep(0.05)
    assert held, "no save reached the lock"
    return held


def assert_saved_whole(stack, writers, work, saved, name):
    """Over the database: every contact of `writers` with all its young people, themes and audit events (or
    not there at all), every step of the signals with exactly one event row and its audit event, every step
    event with its step; nothing saved twice; everything answered as saved (`saved`) is there."""
    query = functools.partial(stack.postgres.query, stack.database)
    contacts = query(
        "SELECT c.id, c.impression, "
        "ARRAY(SELECT youngperson_id FROM registration_contact_young_people l WHERE l.contact_id = c.id ORDER BY 1), "
        "ARRAY(SELECT theme_id FROM registration_contact_themes l WHERE l.contact_id = c.id ORDER BY 1), "
        "(SELECT count(*) FROM audit_auditevent a WHERE a.object_type = 'registration.contact' "
        "AND a.object_id = c.id::text AND a.action = 'create') "
        "FROM registration_contact c WHERE c.impression LIKE %s",
        (f"storing {writers.prefix}-%",),
    )
    tags = [impression.removeprefix("storing ") for _, impression, *_ in contacts]
    half = [
        (tag, young_people, themes, audits)
        for tag, (_, _, young_people, themes, audits) in zip(tags, contacts, strict=True)
        if (young_people, themes) != writers.expected[tag] or audits != len(young_people)
    ]
    record(f"faults.{name}.contacts_in_database", len(contacts))
    record(f"faults.{name}.contacts_half_written", len(half))
    assert half == [], f"contacts without all their links or audit events: {half[:5]}"
    assert len(tags) == len(set(tags)), "a contact saved twice"
    assert set(saved["contact"]) <= set(tags), "a contact answered as saved is missing"

    steps = query(
        "SELECT s.id, s.facts, (SELECT count(*) FROM signals_signalevent e WHERE e.step_id = s.id AND e.kind = 'step') "
        "FROM signals_signalstep s WHERE s.signal_id = ANY(%s)",
        (work["signals"],),
    )
    step_tags = [facts.removeprefix("storing ") for _, facts, _ in steps]
    own_tags = [tag for tag in step_tags if tag.startswith(f"{writers.prefix}-")]
    steps_without_event = [tag for (_, _, events), tag in zip(steps, step_tags, strict=True) if events != 1]
    events_without_step = query(
        "SELECT count(*) FROM signals_signalevent WHERE kind = 'step' AND step_id IS NULL AND signal_id = ANY(%s)",
        (work["signals"],),
    )[0][0]
    step_audits = query(
        "SELECT count(*) FROM audit_auditevent WHERE object_type = 'signals.signal' AND object_id = ANY(%s) "
        "AND detail = 'step map recorded'",
        ([str(pk) for pk in work["signals"]],),
    )[0][0]
    record(f"faults.{name}.steps_in_database", len(own_tags))
    record(f"faults.{name}.steps_without_event", len(steps_without_event))
    record(f"faults.{name}.events_without_step", events_without_step)
    assert steps_without_event == [] and events_without_step == 0
    assert step_audits == len(steps), f"{len(steps)} steps, {step_audits} audit events"
    assert len(step_tags) == len(set(step_tags)), "a step saved twice"
    assert set(saved["step"]) <= set(own_tags), "a step answered as saved is missing"


def test_postgres_killed_mid_write_leaves_no_half_written_record(stack, work):
    """PostgreSQL stopped with `-m immediate` (a crash: no clean shutdown) while contacts with their links
    and signal steps with their event rows are being saved, and started again, PG_RESTARTS times. Each stop
    lands while saves are half done: written rows, waiting at a CUT_POINTS lock that is never released (an
    immediate stop ends every backend at once), so the crash cuts them there.
    Afterwards every contact holds all its young people, themes and audit events or does not exist, and
    every step has its one event row and its audit event, and every event of a step its step."""
    stack.redis.flush()
    web = stack.start(gunicorn(stack.env, stack.web_port, stack.logs, name="web-pg-kill"))
    base = f"http://127.0.0.1:{stack.web_port}"
    outages, cut = [], []
    with Writers(base, work, "pg") as writers:
        for round_number in range(PG_RESTARTS):
            time.sleep(2)
            holder = hold_writes_at(stack, CUT_POINTS[round_number % len(CUT_POINTS)])
            in_flight = wait_for_held_saves(stack)
            down_at = time.monotonic()
            stack.postgres.stop("immediate")
            time.sleep(2)
            stack.postgres.start()
            holder.close()
            outages.append((down_at, time.monotonic()))
            cut += in_flight
            assert wait_until(lambda: Browser(base).get("/account/login/")[0] == 200, 30), "no recovery"
        time.sleep(3)
    web.stop()

    results = writers.results
    during = [r for r in results if any(start <= r[0] <= end for start, end in outages)]
    saved = writers.saved()
    failed = [r for r in results if r[3] >= 500]
    record("faults.pg_kill.restarts", PG_RESTARTS)
    record("faults.pg_kill.saves_cut_by_the_crash", len(cut))
    record("faults.pg_kill.posts", len(results))
    record("faults.pg_kill.posts_during_outage", len(during))
    record("faults.pg_kill.posts_5xx", len(failed))
    record("faults.pg_kill.contacts_saved", len(saved["contact"]))
    record("faults.pg_kill.steps_saved", len(saved["step"]))

    assert failed, "no save met the outage"
    assert {status for *_, status, _ in results} <= {302, 500}, {r[3] for r in results if r[3] not in (302, 500)}
    for _, what, _, _, body in failed:
        assert STYLED_500 in body and "Traceback" not in body, f"{what}: not the styled page: {body[:300]}"

    assert_saved_whole(stack, writers, work, saved, "pg_kill")


def test_redis_outage_no_5xx_and_what_fell_due_is_sent_once_afterwards(stack, work):
    stack.redis.flush()
    web = stack.start(gunicorn(stack.env, stack.web_port, stack.logs, name="web-redis-outage"))
    worker = stack.start(celery_worker(stack.env, stack.logs, name="redis"))
    base = f"http://127.0.0.1:{stack.web_port}"
    markers = stack.schedule("outage", 30, due_in_seconds=3, spread_seconds=REDIS_OUTAGE - 4)
    beat = threading.Event()

    def stand_in_beat():
        # Beat's job every few seconds (the real beat runs in the production run): publishing fails while
        # Redis is down, as beat's does, and works again afterwards.
        while not beat.is_set():
            with contextlib.suppress(Exception):  # the broker is down, which is the point
                stack.enqueue_send_due()
            beat.wait(3)

    beat_thread = threading.Thread(target=stand_in_beat, daemon=True)
    with Traffic(base) as traffic, Writers(base, work, "redis", count=2) as writers:
        stack.redis.stop()
        down_at = time.monotonic()
        beat_thread.start()
        time.sleep(REDIS_OUTAGE)
        stack.redis.start()
        up_at = time.monotonic()
        sent_in_time = wait_until(lambda: not stack.unsent(markers), 120)
        time.sleep(2)
    beat.set()
    during = traffic.between(down_at, up_at)
    server_errors = [result[:3] for result in traffic.results if result[2] >= 500 or result[2] == 0]
    record("faults.redis_outage.seconds", REDIS_OUTAGE)
    record("faults.redis_outage.requests_during_outage", len(during))
    record("faults.redis_outage.5xx", len(server_errors))

    logins_during = [status for _, what, status, _ in during if what == "login"]
    record("faults.redis_outage.logins_during_outage", len(logins_during))
    assert during, "no request met the outage"
    assert server_errors == []
    assert logins_during and set(logins_during) == {302}, "logging in must work without Redis"
    assert sent_in_time, f"{len(stack.unsent(markers))} notifications still unsent after Redis returned"
    assert_each_once(stack, markers, "redis_outage")

    # Every registration and every step made while Redis was away is saved, whole.
    saves = [result for result in writers.results if down_at <= result[0] <= up_at]
    saved = writers.saved()
    record("faults.redis_outage.saves_during_outage", len(saves))
    record("faults.redis_outage.contacts_saved", len(saved["contact"]))
    record("faults.redis_outage.steps_saved", len(saved["step"]))
    assert saves and {status for *_, status, _ in writers.results} == {302}, {r[3] for r in writers.results}
    assert_saved_whole(stack, writers, work, saved, "redis_outage")
    worker.stop()
    web.stop()
