"""The product's settings, with two changes for `make bench`: mail is counted in Redis, static files in bench/data."""

from jongerenwerk.settings import *  # noqa: F403
from jongerenwerk.settings import BASE_DIR

# The reminder measurement counts every email per recipient and link, across worker processes.
EMAIL_BACKEND = "bench.mail.RedisCountingBackend"
STATIC_ROOT = BASE_DIR / "bench" / "data" / "static"
