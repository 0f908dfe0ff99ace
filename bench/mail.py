"""An email backend for the benchmark: it sends nothing and appends each message's recipient and body to Redis.

Outgoing mail is the system's outer boundary; counting it there is how the reminder measurement sees
duplicates (the same email twice) and misses (an email that never left), across Celery processes.
"""

import hashlib

import redis
from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

SENT_KEY = "bench:mail:sent"


def mail_log():
    """The Redis connection the counting backend writes to."""
    return redis.Redis.from_url(settings.REDIS_URL)


class RedisCountingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        entries = []
        for message in email_messages:
            body = hashlib.sha1(message.body.encode()).hexdigest()[:12]
            entries.extend(f"{recipient} {body} {_link(message.body)}" for recipient in message.to)
        if entries:
            mail_log().rpush(SENT_KEY, *entries)
        return len(email_messages)


def _link(body):
    for word in body.split():
        if "://" in word:
            return word
    return "-"
