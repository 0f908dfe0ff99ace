"""Without Redis the cache acts empty and enqueueing only logs: neither fails a request."""

import pytest
from celery import Celery
from django.core.cache.backends.redis import RedisCache

from jongerenwerk.cache import ResilientRedisCache
from jongerenwerk.tasks import enqueue, enqueue_on_commit

NOWHERE = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def unreachable(backend):
    return backend(NOWHERE, {"OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}})


def test_the_resilient_cache_misses_and_drops_writes_while_redis_is_down():
    cache = unreachable(ResilientRedisCache)

    cache.set("a", 1)
    assert cache.get("a", "default") == "default"
    assert cache.add("lock", True) is True
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("a") is False


def test_the_plain_redis_cache_would_fail_the_request():
    from redis.exceptions import ConnectionError as RedisConnectionError

    with pytest.raises(RedisConnectionError):
        unreachable(RedisCache).get("a")


# An app of its own on a broker that is not there (the project's app stays as the suite set it).
down = Celery(
    "down", broker=NOWHERE, set_as_current=False, broker_connection_timeout=0.5, broker_connection_max_retries=1
)


@down.task(name="tests.reliability.noop")
def noop():
    return "ran"


def test_enqueue_with_the_broker_down_logs_instead_of_raising(caplog):
    assert enqueue(noop) is None
    assert "broker unreachable" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_enqueue_on_commit_with_the_broker_down_does_not_break_the_commit(caplog):
    from django.db import transaction

    with transaction.atomic():
        enqueue_on_commit(noop)

    assert "broker unreachable" in caplog.text
