"""The Redis cache, degrading to "nothing cached" while Redis is unreachable.

The cache holds nothing that is not also elsewhere (rate-limit counters, fragments), so a Redis outage
must not turn pages into 500s. While Redis is away: reads miss, writes are dropped, `add` succeeds
(so allauth's rate-limit lock does not stall), and one warning per call is logged. Login throttling is
therefore off during an outage (fail-open); it resumes as soon as Redis is back.
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


def _degrade(fallback):
    def decorate(method):
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                logger.warning("cache unreachable, %s degraded: %s", method.__name__, type(error).__name__)
                return fallback(*args, **kwargs) if callable(fallback) else fallback

        wrapper.__name__ = method.__name__
        return wrapper

    return decorate


class ResilientRedisCache(RedisCache):
    add = _degrade(True)(RedisCache.add)
    get = _degrade(lambda key, default=None, version=None: default)(RedisCache.get)
    set = _degrade(None)(RedisCache.set)
    touch = _degrade(False)(RedisCache.touch)
    delete = _degrade(False)(RedisCache.delete)
    get_many = _degrade({})(RedisCache.get_many)
    has_key = _degrade(False)(RedisCache.has_key)
    set_many = _degrade(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    delete_many = _degrade(None)(RedisCache.delete_many)
    clear = _degrade(False)(RedisCache.clear)
