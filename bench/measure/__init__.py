"""The measurements. Each runs as `python -m bench.measure.<name>` against the database in DATABASE_URL."""

import json
import math
import os
import resource
import sys


def setup_django():
    """Set Django up with the bench settings (the product's, mail counted in Redis)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def peak_rss_mb():
    """This process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values, fraction):
    """The value below which `fraction` of the values fall (nearest rank)."""
    if not values:
        return None
    ordered = sorted(values)
    index = max(0, math.ceil(fraction * len(ordered)) - 1)
    return ordered[index]


def write_json(path, data):
    if path in (None, "-"):
        json.dump(data, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return
    with open(path, "w") as handle:
        json.dump(data, handle, indent=2, default=str)
