"""Reminders: N due notifications sent by one real Celery worker on Redis; time, duplicates and misses.

The beat is played faster than life: a tick enqueues the send task twice (as a late beat and a retry
would) every few seconds while anything is unsent, so claims race exactly where duplicates would come
from. Every email is counted where it leaves the system (bench.mail). The baseline is the same per-notification
service called in this process, without Celery, on a sample of the same rows (ms per notification).
"""

import argparse
import time
from collections import Counter
from datetime import timedelta

from bench.measure import setup_django, write_json

KEY_PREFIX = "bench-"


def schedule(count):
    """`count` notifications due a minute ago, spread over the bench organisation's people."""
    from django.utils import timezone

    from accounts.models import User
    from bench.seeders.people import DOMAIN
    from notifications.kinds import Kind
    from notifications.models import Notification

    Notification.objects.filter(key__startswith=KEY_PREFIX).delete()
    recipients = list(User.objects.filter(email__endswith=f"@{DOMAIN}").values_list("pk", flat=True))
    due = timezone.now() - timedelta(minutes=1)
    Notification.objects.bulk_create(
        (
            Notification(
                recipient_id=recipients[n % len(recipients)],
                kind=Kind.TEST,
                key=f"{KEY_PREFIX}{n}",
                link=f"/meldingen/?bench={n}",
                due_at=due,
            )
            for n in range(count)
        ),
        batch_size=5000,
    )


def unsent():
    from notifications.models import Notification

    return Notification.objects.filter(key__startswith=KEY_PREFIX, sent_at__isnull=True).count()


def last_sent_at():
    from django.db.models import Max

    from notifications.models import Notification

    return Notification.objects.filter(key__startswith=KEY_PREFIX).aggregate(last=Max("sent_at"))["last"]


def emails(count):
    """Emails counted at the boundary: (total, duplicates, missed)."""
    from bench.mail import SENT_KEY, mail_log

    links = Counter()
    total = 0
    for entry in mail_log().lrange(SENT_KEY, 0, -1):
        total += 1
        link = entry.decode().rsplit(" ", 1)[-1]
        if "?bench=" in link:
            links[link] += 1
    duplicates = sum(n - 1 for n in links.values())
    return total, duplicates, count - len(links)


def reset_sent():
    from bench.mail import SENT_KEY, mail_log
    from notifications.models import Notification

    Notification.objects.filter(key__startswith=KEY_PREFIX).update(sent_at=None)
    mail_log().delete(SENT_KEY)


def baseline(sample):
    """The same per-notification service in this process, no Celery, on `sample` of the rows: ms each."""
    from notifications.models import Notification
    from notifications.services import notification_deliver

    ids = list(
        Notification.objects.filter(key__startswith=KEY_PREFIX).order_by("pk").values_list("pk", flat=True)[:sample]
    )
    started = time.perf_counter()
    sent = sum(1 for pk in ids if notification_deliver(pk))
    seconds = time.perf_counter() - started
    return {
        "sample": len(ids),
        "sent": sent,
        "seconds": round(seconds, 2),
        "ms_each": round(1000 * seconds / len(ids), 2),
    }


def wait_for_worker(app, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.control.ping(timeout=1.0):
            return
    raise RuntimeError("the Celery worker did not answer a ping within 60 s")


def with_worker(count, workdir, tick_seconds, timeout):
    """Start one worker, tick the beat until nothing is unsent; returns the figures."""
    import os

    from django.utils import timezone

    from bench.servers import celery_worker
    from jongerenwerk.celery import app
    from notifications.tasks import send_due_notifications

    app.control.purge()
    with celery_worker(dict(os.environ), workdir, concurrency=2):
        wait_for_worker(app)
        started_at = timezone.now()
        started = time.monotonic()
        ticks = 0
        next_tick = started
        while unsent() and time.monotonic() - started < timeout:
            if time.monotonic() >= next_tick:
                send_due_notifications.delay()
                send_due_notifications.delay()
                ticks += 1
                next_tick += tick_seconds
            time.sleep(0.25)
        time.sleep(2)  # let a task still holding rows finish before counting
    left = unsent()
    last = last_sent_at()
    total, duplicates, missed = emails(count)
    seconds = (last - started_at).total_seconds() if last else None
    return {
        "seconds": round(seconds, 2) if seconds else None,
        "ms_each": round(1000 * seconds / count, 2) if seconds else None,
        "ticks": ticks,
        "emails": total,
        "duplicates": duplicates,
        "missed": missed,
        "unsent_in_database": left,
        "timed_out": bool(left),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--baseline-sample", type=int, default=1000)
    parser.add_argument("--tick", type=float, default=5.0, help="seconds between beat ticks")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--workdir", default="bench/data")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    setup_django()
    schedule(args.count)
    reset_sent()
    in_process = baseline(min(args.baseline_sample, args.count))
    reset_sent()
    worker = with_worker(args.count, args.workdir, args.tick, args.timeout)
    write_json(args.out, {"count": args.count, "worker": worker, "baseline_in_process": in_process})


if __name__ == "__main__":
    main()
