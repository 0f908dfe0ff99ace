"""The measured figures of the suite (URLs covered, examples run, 500s, duplicates), for the closing note.

Each test adds to `artifacts/reliability/figures.json`; `make test` prints nothing extra, the file is
the record (CI keeps `artifacts/`). Several pytest processes may write at once (the long run is split over
two): each read-change-write holds an exclusive lock on the file, so no figure is lost.
"""

import fcntl
import json
from pathlib import Path

FIGURES = Path(__file__).resolve().parents[2] / "artifacts" / "reliability" / "figures.json"


def record(name, value, *, add=False):
    FIGURES.parent.mkdir(parents=True, exist_ok=True)
    with open(FIGURES, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        text = handle.read()
        figures = json.loads(text) if text else {}
        figures[name] = figures.get(name, 0) + value if add else value
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(figures, indent=2, sort_keys=True))
