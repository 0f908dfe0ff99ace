"""The report turns each measurement into a row: figure, same-run baseline, ratio, goal, met or not."""

import json

from bench.loader import _text
from bench.measure import percentile
from bench.report import page_rows, query_rows, reminder_rows


def write(folder, name, data):
    (folder / f"{name}.json").write_text(json.dumps(data))


def page(p95, errors=0, label="Page"):
    return {
        "label": label,
        "url": "/x/",
        "method": "GET",
        "requests": 200,
        "errors": errors,
        "server_p50_ms": p95 / 2,
        "server_p95_ms": p95,
    }


def test_a_page_meets_its_goal_up_to_three_times_the_floor(tmp_path):
    pages = {"floor": page(10.0), "fast": page(29.0), "slow": page(31.0), "broken": page(5.0, errors=3)}
    pages["later"] = {"label": "Later", "not_measured": "signals: queue not merged"}
    write(tmp_path, "pages", {"rounds": 200, "pages": pages})
    rows = {row["measurement"].split(" (")[0]: row for row in page_rows(tmp_path, {})}
    by_ratio = {row["ratio"]: row for row in page_rows(tmp_path, {}) if row["ratio"] is not None}
    assert by_ratio[2.9]["met"] is True
    assert by_ratio[3.1]["met"] is False
    assert by_ratio[0.5]["met"] is False  # fast, but with errors
    assert rows["Later"]["status"] == "not measured: signals: queue not merged"


def test_queries_must_be_equal_at_both_sizes_and_at_most_fifteen(tmp_path):
    def result(counts):
        return {
            "pages": {key: {"label": key, "status": 200, "queries": n} for key, n in counts.items()},
        }

    write(tmp_path, "queries-demo", result({"floor": 5, "same": 9, "grows": 9, "many": 16}))
    write(tmp_path, "queries-full", result({"floor": 5, "same": 9, "grows": 12, "many": 16}))
    met = {row["measurement"].split(":")[0]: row["met"] for row in query_rows(tmp_path, {})}
    assert met == {"floor": None, "same": True, "grows": False, "many": False}


def test_a_duplicate_reminder_misses_the_goal(tmp_path):
    worker = {"seconds": 10, "ms_each": 10, "ticks": 2, "emails": 101, "duplicates": 1, "missed": 0}
    write(
        tmp_path,
        "reminders",
        {
            "count": 100,
            "worker": {**worker, "timed_out": False},
            "baseline_in_process": {"ms_each": 5, "sample": 50},
        },
    )
    (row,) = reminder_rows(tmp_path, {})
    assert row["met"] is False
    assert row["ratio"] == 2.0


def test_a_crashed_measurement_is_an_error_row_with_its_reason(tmp_path):
    (row,) = reminder_rows(tmp_path, {"reminders": {"error": "Traceback\nRuntimeError: no worker"}})
    assert row["status"] == "error: RuntimeError: no worker"


def test_copy_text_escapes_what_would_break_a_row():
    assert _text("a\tb\nc\\d") == "a\\tb\\nc\\\\d"
    assert _text(None) == "\\N"
    assert (_text(True), _text(False)) == ("t", "f")


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 0.5) == 50
    assert percentile(values, 0.95) == 95
    assert percentile([], 0.95) is None
