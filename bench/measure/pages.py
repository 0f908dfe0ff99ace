"""Pages over real HTTP against gunicorn: p50 and p95 server time per page, the floor view in the same run.

Requests go round-robin (a new random order each round), so the floor and every page share the same
moments of noise on a busy machine. Server time is gunicorn's own request time (`%(D)s`, microseconds)
from its access log, matched by the X-Bench header; the time seen by the client is kept too.
"""

import argparse
import json
import random
import re
import time

import requests

from bench.measure import percentile, write_json

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
WARMUP_ROUNDS = 5
MIN_REQUESTS = 10


def csrf_token(session, base, entry, tag):
    """The CSRF token from the form the POST comes from (a GET, logged under `<key>:form`)."""
    response = session.get(base + entry["form_url"], headers={"X-Bench": tag}, allow_redirects=False)
    match = CSRF.search(response.text)
    if response.status_code != 200 or not match:
        raise RuntimeError(f"no form with a CSRF token at {entry['form_url']} (HTTP {response.status_code})")
    return match.group(1)


def request(session, base, key, entry, tag=None):
    """One measured request; returns (client seconds, ok)."""
    tag = tag or key
    if entry["method"] == "POST":
        data = {**entry.get("data", {}), "csrfmiddlewaretoken": csrf_token(session, base, entry, f"{tag}:form")}
        started = time.perf_counter()
        response = session.post(
            base + entry["url"], data=data, headers={"X-Bench": tag, "Referer": base + entry["form_url"]},
            allow_redirects=False,
        )  # fmt: skip
        ok = response.status_code in (200, 302, 303) and "is-invalid" not in response.text
    else:
        started = time.perf_counter()
        response = session.get(base + entry["url"], headers={"X-Bench": tag}, allow_redirects=False)
        ok = response.status_code == 200
    return time.perf_counter() - started, ok


def server_times(access_log):
    """Gunicorn's request times in ms per X-Bench tag, from the access log."""
    times = {}
    with open(access_log) as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3 and parts[2].isdigit():
                times.setdefault(parts[0], []).append(int(parts[2]) / 1000)
    return times


def measure(setup, base, rounds, access_log, budget):
    """Run the rounds; returns the figures per page (and the reasons of those not measured)."""
    sessions = {}
    for persona, key in setup["sessions"].items():
        sessions[persona] = requests.Session()
        sessions[persona].cookies.set("sessionid", key, domain=base.split("//")[1].split(":")[0], path="/")
    ready = {key: entry for key, entry in setup["pages"].items() if "not_ready" not in entry}
    client = {key: [] for key in ready}
    errors = dict.fromkeys(ready, 0)
    rng = random.Random(1)
    order = list(ready)
    spent = dict.fromkeys(ready, 0.0)
    for round_number in range(WARMUP_ROUNDS + rounds):
        rng.shuffle(order)
        for key in order:
            entry = ready[key]
            warm = round_number < WARMUP_ROUNDS
            if spent[key] > budget and len(client[key]) >= MIN_REQUESTS:
                continue  # far too slow for all rounds in the time the run has: fewer samples, said in the row
            seconds, ok = request(sessions[entry["persona"]], base, key, entry, tag="warmup" if warm else None)
            spent[key] += seconds
            if not warm:
                client[key].append(seconds * 1000)
                errors[key] += 0 if ok else 1
    time.sleep(1)  # gunicorn logs a request just after its response: let the last lines land
    server = server_times(access_log)
    results = {}
    for key, entry in setup["pages"].items():
        if key not in ready:
            results[key] = {"label": entry["label"], "not_measured": entry["not_ready"]}
            continue
        results[key] = {
            "label": entry["label"],
            "url": entry["url"],
            "method": entry["method"],
            "requests": len(client[key]),
            "errors": errors[key],
            "server_p50_ms": percentile(server.get(key, []), 0.5),
            "server_p95_ms": percentile(server.get(key, []), 0.95),
            "server_samples": len(server.get(key, [])),
            "client_p50_ms": percentile(client[key], 0.5),
            "client_p95_ms": percentile(client[key], 0.95),
        }
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--http", required=True, help="the JSON written by bench.measure.http_setup")
    parser.add_argument("--base", required=True, help="http://127.0.0.1:<port> of the gunicorn under test")
    parser.add_argument("--access-log", required=True)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--budget", type=float, default=600, help="seconds one page may take in all")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(args.http) as handle:
        setup = json.load(handle)
    write_json(
        args.out,
        {
            "rounds": args.rounds,
            "budget": args.budget,
            "pages": measure(setup, args.base, args.rounds, args.access_log, args.budget),
        },
    )


if __name__ == "__main__":
    main()
