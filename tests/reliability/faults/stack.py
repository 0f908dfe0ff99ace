"""The fault stack: its own PostgreSQL and Redis, a migrated database, collected static files, a mail folder."""

import contextlib
import json
import re
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

from celery import Celery

from tests.reliability.faults.servers import ROOT, Postgres, Redis, app_env, django_call, free_port, manage

MARKER = re.compile(rb"jw=([\w-]+)")
MESSAGE_ID = re.compile(rb"^Message-ID: (<[^>]+>)", re.M | re.I)
SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # between messages in a filebased backend's file


class Stack:
    def __init__(self, pg_port=None, redis_port=None, web_port=None, database="jw_faults"):
        self.tmp = Path(tempfile.mkdtemp(prefix="jw-faults-"))
        self.mail = self.tmp / "mail"
        self.logs = self.tmp / "logs"
        self.mail.mkdir()
        self.logs.mkdir()
        self.web_port = web_port or free_port()
        self.database = database
        self.postgres = Postgres(pg_port)
        self.redis = Redis(redis_port)
        self.processes = []

    def up(self):
        self.postgres.start()
        self.postgres.create_database(self.database)
        self.redis.start()
        self.env = app_env(self.postgres, self.database, self.redis, self.mail, self.web_port)
        manage(self.env, "migrate", "--noinput", "-v0")
        collect_static(self.env)
        self.people = json.loads(self.call("from tests.reliability.faults.remote import seed_people; seed_people()"))
        return self

    def call(self, code):
        return django_call(self.env, code)

    def schedule(self, tag, count, due_in_seconds=0, spread_seconds=0):
        """`count` notifications for the worker, each with its own marker in the link (jw=<tag>-<i>).

        Straight into the table (a subprocess per batch would cost seconds): the columns of
        notifications.Notification, which the worker then sends through the real service."""
        from notifications.kinds import Kind

        markers = [f"{tag}-{i}" for i in range(count)]
        rows = [
            (
                self.people["user"],
                next(iter(Kind)).value,
                marker,
                f"/meldingen/?jw={marker}",
                due_in_seconds + spread_seconds * i / max(count, 1),
            )
            for i, marker in enumerate(markers)
        ]
        with contextlib.closing(self.postgres.connect(self.database)) as connection, connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO notifications_notification (recipient_id, kind, target_type, target_id, key, link, "
                "due_at, created_at) VALUES (%s, %s, '', 0, %s, %s, now() + make_interval(secs => %s), now())",
                rows,
            )
        return markers

    def enqueue_send_due(self):
        """What beat does every minute: ask a worker to send what is due."""
        app = Celery(broker=self.redis.url(0))
        try:
            app.send_task("notifications.send_due")
        finally:
            app.close()

    def sent_markers(self):
        """How many times each marker arrived in the mail folder."""
        counts = Counter()
        for path in self.mail.iterdir():
            for marker in MARKER.findall(path.read_bytes()):
                counts[marker.decode()] += 1
        return counts

    def deliveries(self):
        """{marker: [Message-ID of each copy that arrived]}."""
        found = {}
        for path in self.mail.iterdir():
            for message in path.read_bytes().split(SEPARATOR):
                marker, message_id = MARKER.search(message), MESSAGE_ID.search(message)
                if marker:
                    found.setdefault(marker.group(1).decode(), []).append(message_id and message_id.group(1))
        return found

    def unsent(self, markers=None):
        rows = self.postgres.query(self.database, "SELECT key FROM notifications_notification WHERE sent_at IS NULL")
        keys = {key for (key,) in rows}
        return keys if markers is None else keys & set(markers)

    def start(self, process):
        self.processes.append(process)
        return process

    def down(self):
        for process in self.processes:
            process.stop()
        self.redis.stop()
        self.postgres.destroy()

    def keep_logs(self, destination):
        destination = Path(destination)
        destination.mkdir(parents=True, exist_ok=True)
        for path in self.logs.iterdir():
            shutil.copy(path, destination / path.name)

    def cleanup(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def wait_until(predicate, timeout, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def collect_static(env):
    """The release step's collectstatic (production pages need the manifest), skipped when up to date:
    compressing every file takes most of a minute on this machine."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    sources = [path for folder in ROOT.glob("*/static") for path in folder.rglob("*") if path.is_file()]
    sources += [path for path in (ROOT / "static").rglob("*") if path.is_file()]
    if manifest.exists() and manifest.stat().st_mtime > max(path.stat().st_mtime for path in sources):
        return False
    manage(env, "collectstatic", "--noinput", "-v0")
    return True
