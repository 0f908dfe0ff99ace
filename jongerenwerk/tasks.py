"""Enqueueing follow-up work so that a broker outage never fails the request that caused it."""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError

logger = logging.getLogger(__name__)


def enqueue(task, *args, **kwargs):
    """`task.delay(*args, **kwargs)`, but a broker that is down only logs a warning.

    Use it for work the database already records (the periodic tasks pick it up again), so
    losing the message costs a delay, never the work.
    """
    try:
        return task.apply_async(args=args, kwargs=kwargs, retry=False)
    except (BrokerError, RedisConnectionError, OSError) as error:
        logger.warning("broker unreachable, %s not enqueued: %s", task.name, type(error).__name__)
        return None


def enqueue_on_commit(task, *args, **kwargs):
    """Enqueue once the current transaction commits (and not at all if it rolls back)."""
    transaction.on_commit(lambda: enqueue(task, *args, **kwargs))
