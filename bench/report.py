"""Turn the measurements of one run into RESULTS.md (a table) and results.json, figure by figure.

Every figure stands next to its baseline from the same run and their ratio. A part whose code is not
merged gets a "not measured: <why>" row; a measurement that crashed gets an "error: <what>" row.
"""

import json
import os
import platform
import subprocess
import time
from pathlib import Path

from bench.servers import ROOT

PAGE_GOAL_RATIO = 3.0
QUERY_GOAL = 15
MEMORY_SAME_TOLERANCE = 0.15  # "the same at half and at full size": within 15 % (or 20 MB)
SEED_GOAL_SECONDS = 600


def load(work, name):
    path = Path(work) / f"{name}.json"
    if not path.exists():
        return None
    with open(path) as handle:
        return json.load(handle)


def row(number, measurement, figure="", baseline="", ratio=None, goal="", met=None, status="measured", source=None):
    return {
        "source": source,
        "number": number,
        "measurement": measurement,
        "figure": figure,
        "baseline": baseline,
        "ratio": None if ratio is None else round(ratio, 2),
        "goal": goal,
        "met": met,
        "status": status,
    }


def missing(number, measurement, goal, steps, step_name):
    """The row for a measurement that has no result: why (a crashed step) or that it did not run."""
    error = steps.get(step_name, {}).get("error")
    status = f"error: {error.splitlines()[-1] if error else ''}" if error else "error: did not run"
    return row(number, measurement, goal=goal, status=status)


# Rows per measurement ----------------------------------------------------------------------------


def seed_rows(work, mode):
    rows = []
    notes = []
    for role in mode.sizes:
        seed = load(work, f"seed-{role}")
        label = f"seed_scale --size {mode.sizes[role]}"
        if seed is None:
            rows.append(row("0", label, status="error: no seed summary"))
            continue
        rows.append(
            row(
                "0",
                label,
                figure=f"{seed['rows']:,} rows in {seed['seconds']:.0f} s ({seed['rows_per_second']:,} rows/s)",
                goal=f"< {SEED_GOAL_SECONDS} s" if role == "full" else "",
                met=seed["seconds"] < SEED_GOAL_SECONDS if role == "full" else None,
                source=f"seed-{role}",
            )
        )
        notes = seed.get("skipped", [])
        # A part that landed after the run seeded was added with `seed_scale --part <part>` into the same data.
        for extra in sorted(Path(work).glob(f"seed-{role}-*.json")):
            part = extra.stem.rsplit("-", 1)[1]
            added = load(work, extra.stem)
            rows.append(
                row(
                    "0",
                    f"{label} --part {part} (landed later, added to the same data)",
                    figure=f"{added['rows']:,} rows in {added['seconds']:.0f} s ({added['rows_per_second']:,} rows/s)",
                    source=extra.stem,
                )
            )
            notes = [note for note in notes if not note.startswith(f"{part}:")]
    return rows + [row("0", "seed_scale: " + note.split(":")[0], status="not measured: " + note) for note in notes]


def export_rows(work, steps):
    from bench.parts import EXPORTS

    rows = []
    for export in EXPORTS:
        number = "2" if export.memory_goal_mb else "1"
        goal = f"≤ {export.goal_ratio:g}× COPY"
        full = load(work, f"exports-{export.key}-full")
        if full is None:
            rows.append(missing(number, export.label, goal, steps, f"export {export.key}"))
            continue
        if "not_measured" in full:
            rows.append(row(number, export.label, goal=goal, status="not measured: " + full["not_measured"]))
            continue
        ratio = full["app_seconds"] / full["copy_seconds"] if full["copy_seconds"] else None
        rows.append(
            row(
                number,
                f"{export.label} ({full['copy_rows']:,} rows, {full['app_bytes'] / 1e6:.1f} MB)",
                figure=f"{full['app_seconds']:.2f} s",
                baseline=f"COPY {full['copy_seconds']:.2f} s ({full['copy_rows']:,} rows)",
                ratio=ratio,
                goal=goal,
                met=ratio is not None and ratio <= export.goal_ratio,
                source=f"exports-{export.key}-full",
            )
        )
        if export.memory_goal_mb:
            rows.append(memory_row(work, steps, export, full))
    return rows


def memory_row(work, steps, export, full):
    half = load(work, f"exports-{export.key}-half")
    goal = f"< {export.memory_goal_mb:g} MB, same at half and full"
    label = f"{export.label}: peak memory of the exporting process"
    if half is None or "not_measured" in half:
        return missing("2", label, goal, steps, f"export {export.key} (half size)")
    same = abs(full["peak_rss_mb"] - half["peak_rss_mb"]) <= max(20, MEMORY_SAME_TOLERANCE * half["peak_rss_mb"])
    return row(
        "2",
        label,
        figure=f"full {full['peak_rss_mb']:.0f} MB ({full['copy_rows']:,} rows)",
        baseline=f"half {half['peak_rss_mb']:.0f} MB ({half['copy_rows']:,} rows)",
        ratio=full["peak_rss_mb"] / half["peak_rss_mb"],
        goal=goal,
        met=full["peak_rss_mb"] < export.memory_goal_mb and same,
        source=f"exports-{export.key}-full",
    )


def page_rows(work, steps):
    pages = load(work, "pages")
    if pages is None:
        return [missing("3", "Pages over HTTP", f"p95 ≤ {PAGE_GOAL_RATIO:g}× floor p95", steps, "pages")]
    floor = pages["pages"]["floor"]
    floor_p95 = floor.get("server_p95_ms")
    rows = [
        row(
            "3",
            f"{floor['label']}, {floor['requests']} requests",
            figure=f"p50 {floor['server_p50_ms']:.1f} ms, p95 {floor_p95:.1f} ms",
            baseline="(the baseline)",
            goal="0 errors",
            met=floor["errors"] == 0,
            status="measured" if not floor["errors"] else f"measured: {floor['errors']} errors",
        )
    ]
    for key, page in pages["pages"].items():
        if key == "floor":
            continue
        goal = f"p95 ≤ {PAGE_GOAL_RATIO:g}× floor p95, 0 errors"
        if "not_measured" in page:
            rows.append(row("3", page["label"], goal=goal, status="not measured: " + page["not_measured"]))
            continue
        ratio = page["server_p95_ms"] / floor_p95 if page["server_p95_ms"] and floor_p95 else None
        rows.append(
            row(
                "3",
                f"{page['label']} ({page['method']} {page['url']}), {page['requests']} requests"
                + (
                    f" (stopped at the time budget of {pages['budget']:.0f} s)"
                    if page["requests"] < pages["rounds"]
                    else ""
                ),
                figure=f"p50 {page['server_p50_ms']:.1f} ms, p95 {page['server_p95_ms']:.1f} ms",
                baseline=f"floor p95 {floor_p95:.1f} ms",
                ratio=ratio,
                goal=goal,
                met=ratio is not None and ratio <= PAGE_GOAL_RATIO and page["errors"] == 0,
                status="measured" if not page["errors"] else f"measured: {page['errors']} errors",
                source="pages",
            )
        )
    return rows


def query_rows(work, steps):
    demo, full = load(work, "queries-demo"), load(work, "queries-full")
    goal = f"same at both sizes, ≤ {QUERY_GOAL}"
    if demo is None or full is None:
        step = "queries (demo size)" if demo is None else "queries (full size)"
        return [missing("4", "Queries per page", goal, steps, step)]
    rows = []
    for key, page in full["pages"].items():
        small = demo["pages"].get(key, {})
        if "not_measured" in page:
            rows.append(row("4", page["label"], goal=goal, status="not measured: " + page["not_measured"]))
            continue
        statuses = {small.get("status"), page["status"]}
        ok_status = statuses <= {200, 302}
        rows.append(
            row(
                "4",
                f"{page['label']}: queries",
                figure=(
                    f"{page['queries']} at full size "
                    f"({page.get('statements', '?')} with BEGIN/COMMIT; HTTP {page['status']})"
                ),
                baseline=f"{small.get('queries')} at demo size (HTTP {small.get('status')})",
                ratio=page["queries"] / small["queries"] if small.get("queries") else None,
                goal=goal if key != "floor" else "(floor)",
                met=(page["queries"] == small.get("queries") and page["queries"] <= QUERY_GOAL and ok_status)
                if key != "floor"
                else None,
                status="measured" if ok_status else f"measured: page answered HTTP {sorted(map(str, statuses))}",
                source="queries-full",
            )
        )
    return rows


def reminder_rows(work, steps):
    result = load(work, "reminders")
    goal = "0 duplicates, 0 missed"
    if result is None:
        return [missing("5", "Reminders through a Celery worker", goal, steps, "reminders")]
    worker, base = result["worker"], result["baseline_in_process"]
    ratio = worker["ms_each"] / base["ms_each"] if worker.get("ms_each") and base.get("ms_each") else None
    met = worker["duplicates"] == 0 and worker["missed"] == 0 and not worker["timed_out"]
    return [
        row(
            "5",
            f"{result['count']:,} due notifications, one Celery worker (2 processes) on Redis, "
            f"{worker['ticks']} beat ticks",
            figure=(
                f"{worker['seconds']} s ({worker['ms_each']} ms each); {worker['emails']:,} emails, "
                f"{worker['duplicates']} duplicates, {worker['missed']} missed"
            ),
            baseline=f"same service in-process: {base['ms_each']} ms each ({base['sample']} sent)",
            ratio=ratio,
            goal=goal,
            met=met,
            source="reminders",
        )
    ]


def load_rows(work, steps):
    result = load(work, "load")
    goal = "0 errors"
    if result is None:
        return [missing("6", "Load (locust)", goal, steps, "load")]
    mixed, floor = result["mixed"].get("Aggregated"), result["floor"].get("Aggregated")
    if not mixed or not floor:
        return [row("6", "Load (locust)", goal=goal, status="error: locust wrote no statistics")]
    pages = ", ".join(sorted(name for name in result["mixed"] if name != "Aggregated"))
    errors = mixed["failures"]
    return [
        row(
            "6",
            f"locust, {result['users']} users, {result['seconds']} s, mixed journeys ({pages})",
            figure=f"{mixed['rps']:.1f} req/s, p95 {mixed['p95_ms']:.0f} ms, {errors} errors of {mixed['requests']:,}",
            baseline=(
                f"floor only, same users: {floor['rps']:.1f} req/s, p95 {floor['p95_ms']:.0f} ms, "
                f"{floor['failures']} errors"
            ),
            ratio=mixed["rps"] / floor["rps"] if floor["rps"] else None,
            goal=goal,
            met=errors == 0,
            source="load",
        )
    ]


# Context and output ------------------------------------------------------------------------------


def machine(env):
    """Where the run happened: CPU, memory, load, PostgreSQL and Redis versions."""
    info = {"platform": platform.platform(), "python": platform.python_version(), "cpus": os.cpu_count()}
    try:
        with open("/proc/cpuinfo") as handle:
            info["cpu"] = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "")
        with open("/proc/meminfo") as handle:
            info["memory_gb"] = round(int(handle.readline().split()[1]) / 1024 / 1024, 1)
        info["load_average"] = os.getloadavg()
    except OSError:
        pass
    try:
        import psycopg2
        import redis

        with psycopg2.connect(env["DATABASE_URL"]) as connection, connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["postgresql"] = cursor.fetchone()[0]
        info["redis"] = redis.Redis.from_url(env["REDIS_URL"]).info()["redis_version"]
    except Exception as error:  # the versions are context, not a measurement
        info["versions_error"] = str(error)
    return info


def commit():
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    sha = git("rev-parse", "--short", "HEAD") or "unknown"
    # The results themselves are not a change to the code measured.
    dirty = [line for line in git("status", "--porcelain", "--untracked-files=no").splitlines() if "RESULTS" not in line
             and "results.json" not in line]  # fmt: skip
    return f"{sha}{'+changes' if dirty else ''}"


def build(mode_name, mode, work, env):
    steps_file = load(work, "steps") or {"steps": {}}
    steps = steps_file["steps"]
    rows = []
    for number, rows_of in enumerate(
        (lambda: seed_rows(work, mode), lambda: export_rows(work, steps), lambda: page_rows(work, steps),
         lambda: query_rows(work, steps), lambda: reminder_rows(work, steps), lambda: load_rows(work, steps))
    ):  # fmt: skip
        try:
            rows += rows_of()
        except Exception as error:  # a malformed result is one error row, never a lost report
            rows.append(row(str(number), "report", status=f"error: {type(error).__name__}: {error}"))
    raw = {path.stem: json.loads(path.read_text()) for path in sorted(Path(work).glob("*.json"))}
    for name in ("queries-demo", "queries-full"):  # the SQL itself stays in bench/data
        for page in raw.get(name, {}).get("pages", {}).values():
            page.pop("sql", None)
    # The commit whose data the run seeded; a row measured at another commit (a rerun of some steps) says so.
    run_commit = raw.get("seed-full", {}).get("measured", {}).get("commit") or commit()
    return {
        "mode": mode_name,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(steps_file.get("finished", time.time()))),
        "commit": run_commit,
        "machine": machine(env),
        "sizes": mode.sizes,
        "rows": rows,
        "steps": steps,
        "raw": raw,
    }


def markdown(report):
    m = report["machine"]
    lines = [
        "# Benchmark results" + ("" if report["mode"] == "full" else f" ({report['mode']} run)"),
        "",
        "Written by `make bench` (`python -m bench.run`); see the notes below the table for how each",
        "figure is measured. Every figure stands next to a baseline measured in the same run.",
        "",
        f"- **Date:** {report['date']}",
        f"- **Commit:** `{report['commit']}`",
        f"- **Machine:** {m.get('cpus')} × {m.get('cpu', '?')}, {m.get('memory_gb', '?')} GB, {m.get('platform')}; "
        f"PostgreSQL {m.get('postgresql', '?')}, Redis {m.get('redis', '?')}, Python {m.get('python')}; "
        f"load average at the end {', '.join(f'{x:.1f}' for x in m.get('load_average', []))} "
        "(the machine is shared: read the ratios, not the absolute times)",
        f"- **Sizes:** {', '.join(f'{role}: `{size}`' for role, size in report['sizes'].items())}",
        "",
        "| # | Measurement | Figure | Baseline (same run) | Ratio | Goal | Met |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in report["rows"]:
        if r["status"] != "measured" and not r["status"].startswith("measured:"):
            met = "—"
            figure = f"*{r['status']}*"
        else:
            met = {True: "yes", False: "**no**", None: ""}[r["met"]]
            figure = r["figure"] + ("" if r["status"] == "measured" else f" ({r['status'][10:]})")
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}×"
        measured = report["raw"].get(r.get("source") or "", {}).get("measured", {})
        label = r["measurement"]
        if measured and measured.get("commit") != report["commit"]:
            label += f" *(measured {measured['at']})*"
        cells = [r["number"], label, figure, r["baseline"], ratio, r["goal"], met]
        lines.append("| " + " | ".join(str(cell).replace("|", "\\|") for cell in cells) + " |")
    failed = {name: info["error"] for name, info in report["steps"].items() if "error" in info}
    if failed:
        lines += ["", "## Steps that failed", ""]
        lines += [f"- `{name}`: {error.splitlines()[-1] if error else ''}" for name, error in failed.items()]
    for name in ("RUNS.md", "PROFILING.md", "NOTES.md"):
        notes = ROOT / "bench" / name
        if notes.exists():
            lines += ["", notes.read_text().strip()]
    return "\n".join(lines) + "\n"


def write_report(mode_name, mode, work, env):
    report = build(mode_name, mode, work, env)
    results = Path(mode.results)
    results.mkdir(parents=True, exist_ok=True)
    (results / "results.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    (results / "RESULTS.md").write_text(markdown(report))
    return report
