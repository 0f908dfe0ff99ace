"""`make bench` and `make bench-smoke`: seed, measure, write RESULTS.md and results.json.

    python -m bench.run --mode full     # 1M entries; bench/RESULTS.md, bench/results.json
    python -m bench.run --mode smoke    # tiny; bench/data/smoke/ (CI: every measurement runs, no timing goals)

Each measurement runs in its own process against its own database, so a failure is one "error" row,
never a lost run. The databases (`<name>`, `<name>_half`, `<name>_demo`) are the benchmark's own:
they are dropped and re-created on every run.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.servers import ROOT, gunicorn

DATA = ROOT / "bench" / "data"


@dataclass(frozen=True)
class Mode:
    database: str
    sizes: dict  # role -> seed_scale --size
    page_rounds: int
    export_repeat: int
    reminders: int
    reminder_tick: float
    load_users: int
    load_seconds: int
    web_workers: int
    results: Path
    page_budget: float = 600  # seconds one page may take in all before it gets fewer than page_rounds requests


MODES = {
    "full": Mode(
        database="jw_bench",
        sizes={"demo": "demo", "half": "half", "full": "full"},
        page_rounds=200,
        export_repeat=1,
        reminders=10_000,
        reminder_tick=5.0,
        load_users=50,
        load_seconds=120,
        web_workers=4,
        results=ROOT / "bench",
        page_budget=240,
    ),
    # A fifth of the full size: to calibrate the harness and profile, in a quarter of the time.
    "medium": Mode(
        database="jw_bench_medium",
        sizes={"demo": "demo", "half": "medium-half", "full": "medium"},
        page_rounds=50,
        export_repeat=1,
        reminders=1000,
        reminder_tick=5.0,
        load_users=50,
        load_seconds=30,
        web_workers=4,
        results=DATA / "medium",
        page_budget=120,
    ),
    "smoke": Mode(
        database="jw_bench_smoke",
        sizes={"demo": "demo", "half": "smoke-half", "full": "smoke"},
        page_rounds=10,
        export_repeat=1,
        reminders=100,
        reminder_tick=2.0,
        load_users=5,
        load_seconds=5,
        web_workers=2,
        results=DATA / "smoke",
    ),
}


class Harness:
    def __init__(self, mode_name, server_url, keep_data):
        self.mode_name = mode_name
        self.mode = MODES[mode_name]
        self.server_url = server_url.rstrip("/")
        self.keep_data = keep_data
        self.work = DATA / mode_name
        self.work.mkdir(parents=True, exist_ok=True)
        self.steps = {}  # step name -> {"seconds", "error"?}

    # Databases -------------------------------------------------------------------------------------

    def database_name(self, role):
        return self.mode.database if role == "full" else f"{self.mode.database}_{role}"

    def env(self, role="full"):
        base = {
            "SECRET_KEY": "bench-only-secret-key",
            "DEBUG": "false",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "ALLOWED_HOSTS": "localhost,127.0.0.1,testserver",
            "CONN_MAX_AGE": "60",
            "LOG_LEVEL": "WARNING",
            "REDIS_URL": "redis://127.0.0.1:6379/13",
        }
        env = {**base, **os.environ}
        env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        env["DATABASE_URL"] = f"{self.server_url}/{self.database_name(role)}"
        env.pop("TEST_DATABASE_NAME", None)
        return env

    def admin(self, *statements):
        """Run statements on the server's maintenance database (autocommit: CREATE/DROP DATABASE)."""
        import psycopg2

        parts = urlsplit(self.server_url)
        connection = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        finally:
            connection.close()

    def prepare(self):
        """A migrated template, then one copy per size, each seeded with seed_scale."""
        template = f"{self.mode.database}_template"
        self.admin(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)', f'CREATE DATABASE "{template}"')
        self.python(["manage.py", "migrate", "--noinput", "-v0"], env=self.env_for_database(template))
        for role, size in self.mode.sizes.items():
            name = self.database_name(role)
            self.admin(
                f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}" TEMPLATE "{template}"'
            )
            self.python(
                ["manage.py", "seed_scale", f"--size={size}", f"--json={self.work / f'seed-{role}.json'}"],
                env=self.env(role),
                echo=True,
            )
            self.stamp(self.work / f"seed-{role}.json")
        self.admin(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')

    def env_for_database(self, name):
        env = self.env()
        env["DATABASE_URL"] = f"{self.server_url}/{name}"
        return env

    # Processes -------------------------------------------------------------------------------------

    def python(self, args, env, echo=False, timeout=3600):
        """Run `python <args>` in the project; raise with the end of its output when it fails."""
        command = [sys.executable, *args]
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
        if echo and result.stdout:
            sys.stdout.write(result.stdout)
        if result.returncode != 0:
            tail = (result.stderr or result.stdout).strip().splitlines()[-15:]
            raise RuntimeError(f"{' '.join(args[:2])} exited with {result.returncode}:\n" + "\n".join(tail))
        return result

    def measure(self, name, args, role="full"):
        """Run `python -m bench.measure.<name> ... --out <work>/<name>.json` as one step."""
        out = self.work / f"{name}.json"
        out.unlink(missing_ok=True)
        self.python(["-m", f"bench.measure.{name.split('-')[0]}", *args, f"--out={out}"], env=self.env(role))
        self.stamp(out)
        return out

    def stamp(self, path):
        """Note in a result which commit it measured and when (a rerun of some steps keeps the others)."""
        from bench.report import commit

        data = json.loads(path.read_text())
        data["measured"] = {"commit": commit(), "at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
        path.write_text(json.dumps(data, indent=2, default=str))

    def step(self, name, function):
        """Run one step; an exception becomes that step's error, and the run goes on."""
        sys.stdout.write(f"== {name}\n")
        sys.stdout.flush()
        started = time.perf_counter()
        try:
            function()
            self.steps[name] = {"seconds": round(time.perf_counter() - started, 1)}
        except Exception as error:  # one failing measurement must not hide the others
            self.steps[name] = {"seconds": round(time.perf_counter() - started, 1), "error": str(error)}
            sys.stdout.write(f"   ERROR in {name}: {error}\n")
        sys.stdout.flush()

    # Measurements ----------------------------------------------------------------------------------

    def exports(self):
        from bench.parts import EXPORTS

        for export in EXPORTS:
            key, repeat = export.key, self.mode.export_repeat
            self.write(time.time())
            self.step(
                f"export {key}",
                lambda key=key, repeat=repeat: self.measure(
                    f"exports-{key}-full", [f"--key={key}", f"--repeat={repeat}"]
                ),
            )
            if export.memory_goal_mb:
                self.step(
                    f"export {key} (half size)",
                    lambda key=key: self.measure(f"exports-{key}-half", [f"--key={key}", "--repeat=1"], role="half"),
                )

    def queries(self):
        self.step("queries (demo size)", lambda: self.measure("queries-demo", [], role="demo"))
        self.step("queries (full size)", lambda: self.measure("queries-full", []))

    def http(self):
        """Pages one by one, then the load test, against one gunicorn on the full database."""
        http = self.measure("http_setup", [f"--load-users={self.mode.load_users}"])
        with gunicorn(self.env(), self.work, workers=self.mode.web_workers) as (base, access_log):
            rounds = self.mode.page_rounds
            self.step(
                "pages",
                lambda: self.measure(
                    "pages",
                    [
                        f"--http={http}",
                        f"--base={base}",
                        f"--access-log={access_log}",
                        f"--rounds={rounds}",
                        f"--budget={self.mode.page_budget}",
                    ],
                ),
            )
            self.step(
                "load",
                lambda: self.measure(
                    "load",
                    [
                        f"--http={http}",
                        f"--base={base}",
                        f"--users={self.mode.load_users}",
                        f"--seconds={self.mode.load_seconds}",
                        f"--workdir={self.work}",
                    ],
                ),
            )

    def reminders(self):
        count = self.mode.reminders
        self.measure(
            "reminders",
            [
                f"--count={count}",
                f"--baseline-sample={min(1000, count // 2)}",
                f"--tick={self.mode.reminder_tick}",
                f"--workdir={self.work}",
            ],
        )

    def collectstatic(self):
        self.python(["manage.py", "collectstatic", "--noinput", "-v0"], env=self.env())

    def run(self, only=None):
        started = time.time()
        if not self.keep_data:
            self.step("seed", self.prepare)
            if "error" in self.steps["seed"]:
                return self.finish(started)
        self.step("collectstatic", self.collectstatic)
        # The quick measurements first; the report is rewritten after each, so a long run always has one.
        for name, function in (
            ("queries", self.queries),
            ("http", self.http),
            ("reminders", self.reminders),
            ("exports", self.exports),
        ):
            if only is None or name in only:
                self.step(name, function)
                self.write(started)
        return self.finish(started)

    def write(self, started):
        from bench.report import write_report

        with open(self.work / "steps.json", "w") as handle:
            json.dump({"started": started, "finished": time.time(), "steps": self.steps}, handle, indent=2)
        return write_report(self.mode_name, self.mode, self.work, self.env())

    def finish(self, started):
        report = self.write(started)
        missed = [row for row in report["rows"] if row["met"] is False]
        sys.stdout.write(f"Results: {self.mode.results / 'RESULTS.md'} ({len(missed)} goal(s) not met)\n")
        for row in missed:
            sys.stdout.write(f"  goal not met: [{row['number']}] {row['measurement']}: {row['figure']}\n")
        errors = [row for row in report["rows"] if row["status"].startswith("error")]
        errors += [{"measurement": name, **info} for name, info in self.steps.items() if "error" in info]
        return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=sorted(MODES), default="smoke")
    parser.add_argument(
        "--server",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres:postgres@127.0.0.1:5432"),
        help="the PostgreSQL server (no database name); the bench creates its own databases there",
    )
    parser.add_argument("--database", help="base name of the bench databases (default: jw_bench / jw_bench_smoke)")
    parser.add_argument("--keep-data", action="store_true", help="reuse the seeded databases of the last run")
    parser.add_argument("--only", help="comma-separated steps: exports,queries,http,reminders")
    parser.add_argument("--report-only", action="store_true", help="rewrite RESULTS.md from the last run's data")
    args = parser.parse_args()
    if args.database:
        MODES[args.mode] = MODES[args.mode].__class__(**{**MODES[args.mode].__dict__, "database": args.database})
    harness = Harness(args.mode, args.server, args.keep_data)
    if args.report_only:
        from bench.report import write_report

        write_report(args.mode, harness.mode, harness.work, harness.env())
        return
    errors = harness.run(only=set(args.only.split(",")) if args.only else None)
    if errors:
        sys.stdout.write(f"{len(errors)} measurement(s) failed to run:\n")
        for error in errors:
            sys.stdout.write(f"  - {error.get('measurement')}: {error.get('status') or error.get('error')}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
