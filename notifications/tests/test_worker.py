"""Against real `celery worker` processes on the real Redis: a due notification is emailed exactly once.

The workers read the pytest test database (DATABASE_URL points at it) and send email with Django's
file backend (EMAIL_URL=filemail://<temporary folder>), which this test reads back.
"""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone

from accounts.models import Membership
from accounts.tests.factories import make_member
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import notification_schedule
from notifications.tasks import send_due_notifications

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
QUEUE = f"jw-test-{os.getpid()}"


def _database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _start_worker(name, mail_dir, log):
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "TEST_DATABASE_NAME": "",
        # django-environ reads the path after "filemail://" relative; a fourth slash makes it absolute.
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "test"),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    }
    command = [
        sys.executable, "-m", "celery", "-A", "jongerenwerk", "worker",
        "--pool=solo", "--queues", QUEUE, "--hostname", f"{name}-{os.getpid()}@%h",
        "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=WARNING",
    ]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)


@pytest.fixture(scope="module")
def mail_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("worker-mail")


@pytest.fixture(scope="module")
def workers(django_db_setup, django_db_blocker, mail_dir):
    """Two workers on one queue of the test's own Redis database, started once for this module."""
    assert settings.CELERY_BROKER_URL, "the worker test needs REDIS_URL"
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    broker.delete(QUEUE)
    with django_db_blocker.unblock():
        logs = [open(mail_dir.parent / f"worker-{name}.log", "w+b") for name in ("one", "two")]  # noqa: SIM115
        processes = [_start_worker(name, mail_dir, log) for name, log in zip(("one", "two"), logs, strict=True)]
    _wait_until_consuming(broker, processes)
    yield processes
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    broker.delete(QUEUE)
    for log in logs:
        log.close()


def _wait_until_consuming(broker, processes, timeout=30):
    """A worker is ready when it has taken a probe message off the queue."""
    deadline = time.monotonic() + timeout
    from jongerenwerk.celery import app

    for _ in processes:
        app.send_task("notifications.send_due", queue=QUEUE)
    while broker.llen(QUEUE) and time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                pytest.fail(f"celery worker stopped (exit {process.returncode}); see worker-*.log")
        time.sleep(0.2)
    assert broker.llen(QUEUE) == 0, "the celery workers did not start consuming"


def _enqueue(times):
    for _ in range(times):
        send_due_notifications.apply_async(queue=QUEUE)


def _wait_until_idle(broker, timeout=30):
    """Until the queue is empty and no task is unacknowledged (tasks are acknowledged late)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if broker.llen(QUEUE) == 0 and broker.hlen("unacked") == 0:
            return
        time.sleep(0.2)
    pytest.fail("the workers did not finish the queued tasks")


def _sent_messages(mail_dir):
    messages = []
    for path in sorted(Path(mail_dir).glob("*.log")):
        messages.extend(chunk for chunk in path.read_text().split("-" * 79) if "Subject:" in chunk)
    return messages


@pytest.fixture
def outbox(mail_dir):
    for path in Path(mail_dir).glob("*"):
        path.unlink()
    return mail_dir


@pytest.fixture
def broker():
    return redis.Redis.from_url(settings.CELERY_BROKER_URL)


def test_a_due_notification_is_sent_once_when_the_task_is_enqueued_twice(workers, outbox, broker, team_a):
    worker = make_member(team_a, Membership.Role.YOUTH_WORKER, email="werker@example.org")
    notification = notification_schedule(
        recipient=worker, kind=Kind.SIGNAL_STEP_DUE, link="/signalen/42/", due_at=timezone.now() - timedelta(minutes=1)
    )
    _enqueue(2)
    _wait_until_idle(broker)

    messages = _sent_messages(outbox)
    assert len(messages) == 1, messages
    notification.refresh_from_db()
    assert notification.sent_at is not None
    body = messages[0]
    assert "To: werker@example.org" in body
    assert "/signalen/42/" in body
    # No content: only the kind's words and the link (no names, no team, nothing typed).
    assert "Wessel" not in body and "Team A" not in body and worker.full_name not in body


def test_two_racing_workers_send_each_due_notification_exactly_once(workers, outbox, broker, team_a):
    people = [make_member(team_a, Membership.Role.YOUTH_WORKER, email=f"p{i}@example.org") for i in range(4)]
    due = timezone.now() - timedelta(minutes=1)
    for i in range(20):
        notification_schedule(
            recipient=people[i % 4], kind=Kind.NOTHING_LOGGED, link=f"/registratie/?week={i}", due_at=due, key=str(i)
        )
    notification_schedule(
        recipient=people[0], kind=Kind.NOTHING_LOGGED, link="/later/", due_at=timezone.now() + timedelta(hours=1)
    )
    _enqueue(6)
    _wait_until_idle(broker)

    messages = _sent_messages(outbox)
    links = sorted(line for message in messages for line in message.splitlines() if "/registratie/?week=" in line)
    assert len(messages) == 20
    assert len(set(links)) == 20
    assert Notification.objects.filter(sent_at__isnull=False).count() == 20
    assert Notification.objects.get(link="/later/").sent_at is None
