"""The product's settings, with two changes for `make bench`: mail is counted in Redis, static files in bench/data."""

from jongerenwerk.settings import *  # noqa: F403
from jongerenwerk.settings import BASE_DIR

# The reminder measurement counts every email per recipient and link, across worker processes.
EMAIL_BACKEND = "bench.mail.RedisCountingBackend"
STATIC_ROOT = BASE_DIR / "bench" / "data" / "static"
# Static files only need their hashed names here (pages render them); compressing them would cost
# CI half a minute for nothing the benchmark measures.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}  # noqa: F405
