"""Load: locust headless, N users for T seconds on mixed journeys, then the same on the floor view alone.

Both runs hit the same gunicorn with the same number of users and sessions, so the floor's requests
per second is the baseline of the mixed run's. Figures come from locust's own CSV statistics.
"""

import argparse
import csv
import os
import subprocess
from pathlib import Path

from bench.measure import write_json
from bench.servers import BIN, ROOT

MIXED = ["WorkerUser", "LeadUser", "ManagerUser"]


def run_locust(base, http, users, seconds, classes, prefix):
    """One headless locust run; returns its statistics per request name (and 'Aggregated')."""
    env = {**os.environ, "BENCH_HTTP": str(http)}
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        f"--users={users}",
        f"--spawn-rate={max(1, users // 5)}",
        f"--run-time={seconds}s",
        f"--host={base}",
        f"--csv={prefix}",
        "--only-summary",
        "--loglevel=WARNING",
        "--stop-timeout=10",
        *classes,
    ]
    with open(f"{prefix}.log", "w") as log:
        subprocess.run(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, check=False, timeout=seconds + 120
        )
    return read_stats(Path(f"{prefix}_stats.csv"))


def read_stats(path):
    stats = {}
    with open(path) as handle:
        for row in csv.DictReader(handle):
            stats[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": round(float(row["Requests/s"]), 2),
                "p50_ms": _number(row["50%"]),
                "p95_ms": _number(row["95%"]),
            }
    return stats


def _number(text):
    return None if text in ("", "N/A") else float(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--http", required=True)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--workdir", default="bench/data")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    workdir = Path(args.workdir)
    mixed = run_locust(args.base, args.http, args.users, args.seconds, MIXED, workdir / "locust-mixed")
    floor = run_locust(args.base, args.http, args.users, args.seconds, ["FloorUser"], workdir / "locust-floor")
    write_json(args.out, {"users": args.users, "seconds": args.seconds, "mixed": mixed, "floor": floor})


if __name__ == "__main__":
    main()
