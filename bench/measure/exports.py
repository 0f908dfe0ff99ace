"""One export through the app's own code against PostgreSQL writing the same rows with COPY ... TO STDOUT.

Runs in its own process, so the peak memory it reports is that of the exporting process. COPY and
the app take turns (`--repeat` times each) so both see the same warm cache; the median counts.
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.measure import peak_rss_mb, setup_django, write_json

WARMUP_YEAR = 1999


def copy_baseline(sql, path):
    """PostgreSQL alone: COPY (sql) TO STDOUT as CSV into a file; returns (seconds, bytes)."""
    from django.db import connection

    started = time.perf_counter()
    with open(path, "wb") as handle, connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, HEADER)", handle)
    return time.perf_counter() - started, Path(path).stat().st_size


def app_export(export, manager, year, path):
    """The app's export code writing the file; returns (seconds, bytes, rows)."""
    started = time.perf_counter()
    with open(path, "wb") as handle:
        rows = export.write(manager, year, handle)
    return time.perf_counter() - started, Path(path).stat().st_size, rows


def measure(export, manager, year, repeat, workdir):
    from django.db import connection

    sql = export.baseline_sql(manager, year)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql}) AS baseline")
        baseline_rows = cursor.fetchone()[0]
    # Warm up on a year without data: imports, templates and the first query plans, not the export's work.
    app_export(export, manager, WARMUP_YEAR, Path(workdir) / f"{export.key}.warmup")
    copy_baseline(export.baseline_sql(manager, WARMUP_YEAR), Path(workdir) / f"{export.key}.warmup.csv")
    rss_before = peak_rss_mb()
    copy_times, app_times = [], []
    for _ in range(repeat):
        if export.reset is not None:
            export.reset(manager, year)
        seconds, copy_bytes = copy_baseline(sql, Path(workdir) / f"{export.key}.copy.csv")
        copy_times.append(seconds)
        seconds, app_bytes, rows = app_export(export, manager, year, Path(workdir) / f"{export.key}.out")
        app_times.append(seconds)
    return {
        "label": export.label,
        "year": year,
        "repeat": repeat,
        "app_seconds": statistics.median(app_times),
        "copy_seconds": statistics.median(copy_times),
        "app_bytes": app_bytes,
        "copy_bytes": copy_bytes,
        "app_rows": rows,
        "copy_rows": baseline_rows,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "rss_before_export_mb": round(rss_before, 1),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--key", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--year", type=int, help="default: last calendar year")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    setup_django()
    from django.utils import timezone

    from bench.parts import NotReady, export_by_key
    from bench.personas import load_personas

    export = export_by_key(args.key)
    year = args.year or timezone.localdate().year - 1
    try:
        with tempfile.TemporaryDirectory(prefix="jw-bench-") as workdir:
            result = measure(export, load_personas()["manager"], year, args.repeat, workdir)
    except NotReady as reason:
        result = {"label": export.label, "not_measured": str(reason)}
    write_json(args.out, result)


if __name__ == "__main__":
    main()
