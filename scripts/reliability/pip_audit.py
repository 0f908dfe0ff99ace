#!/usr/bin/env python3
"""pip-audit on the pinned requirements, honest about what it could not check (see docs/pip-audit.md).

Exit 0: no known vulnerability outside the exceptions, or the vulnerability service was not reachable
(said plainly, with the number of packages left unaudited). Exit 1: a vulnerability that is not an
exception. Exit 2: pip-audit itself failed.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXCEPTIONS = ROOT / "docs" / "pip-audit.md"
ROW = re.compile(r"^\|\s*((?:GHSA|PYSEC|CVE|OSV)-[\w-]+)\s*\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|", re.M)


def say(message):
    sys.stdout.write(f"[pip-audit] {message}\n")


def exceptions():
    return {match.group(1): (match.group(2), match.group(3)) for match in ROW.finditer(EXCEPTIONS.read_text())}


def main():
    ignored = exceptions()
    command = [
        str(Path(sys.executable).parent / "pip-audit"),
        "-r",
        str(ROOT / "requirements.txt"),
        "--no-deps",
        "--disable-pip",
        "--format",
        "json",
        "--progress-spinner",
        "off",
    ]
    for vuln_id in ignored:
        command += ["--ignore-vuln", vuln_id]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        say(f"pip-audit failed (exit {result.returncode}): {result.stderr.strip()[-2000:]}")
        return 2
    dependencies = report.get("dependencies", [])
    skipped = [dep for dep in dependencies if "skip_reason" in dep]
    found = [(dep["name"], dep["version"], vuln) for dep in dependencies for vuln in dep.get("vulns", [])]
    for vuln_id, (package, reason) in ignored.items():
        say(f"exception {vuln_id} ({package}): {reason}")
    for name, version, vuln in found:
        say(f"VULNERABLE {name} {version}: {vuln['id']} fixed in {', '.join(vuln.get('fix_versions', [])) or '?'}")
    audited = len(dependencies) - len(skipped)
    if found:
        say(f"{len(found)} known vulnerabilities in {audited} audited packages: fix the pin or add an exception")
        return 1
    if skipped:
        say(
            f"NOT AUDITED: {len(skipped)} of {len(dependencies)} pinned packages could not be looked up "
            f"(first reason: {skipped[0]['skip_reason']}). The vulnerability service is not reachable from "
            "this machine; this is no clean result. See docs/pip-audit.md."
        )
        return 0
    say(f"no known vulnerabilities in {audited} pinned packages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
