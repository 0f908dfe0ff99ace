#!/usr/bin/env python3
"""Print a starting point for the expected-access rows of every URL that has none yet.

    DEBUG=true .venv/bin/python scripts/reliability/access_skeleton.py

Prints, per app namespace, one `Route(...)` per unclassified URL name, with the kwargs its pattern
needs. The roles are left for you to fill in from the app's permissions: the matrix only passes once
they say what the app does.
"""

import os
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jongerenwerk.settings")

import django  # noqa: E402

django.setup()

from tests.reliability.access import load_all, resolver_urls  # noqa: E402

CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def main():
    rows, urls = load_all(), resolver_urls()
    missing = defaultdict(list)
    for name, route in sorted(urls.items()):
        if name not in rows:
            missing[name.split(":")[0] if ":" in name else "core"].append((name, route))
    if not missing:
        sys.stdout.write("Every URL has a row.\n")
        return 0
    for app, items in missing.items():
        sys.stdout.write(f"\n# tests/reliability/access/{app}.py\n")
        for name, route in items:
            kwargs = CONVERTER.findall(route)
            sys.stdout.write(f"#   /{route}\n")
            if kwargs:
                keys = ", ".join(f'"{key}": ...' for _, key in kwargs)
                sys.stdout.write(
                    f'Route("{name}", get=..., post=..., obj=lambda world, scope: {{{keys}}}, foreign=...),\n'
                )
            else:
                sys.stdout.write(f'Route("{name}", get=..., post=...),\n')
    return 1


if __name__ == "__main__":
    sys.exit(main())
