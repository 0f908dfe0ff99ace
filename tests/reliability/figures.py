"""The measured figures of the suite (URLs covered, examples run, 500s, duplicates), for the closing note.

Each test adds to `artifacts/reliability/figures.json`; `make test` prints nothing extra, the file is
the record (CI keeps `artifacts/`).
"""

import json
from pathlib import Path

FIGURES = Path(__file__).resolve().parents[2] / "artifacts" / "reliability" / "figures.json"


def record(name, value, *, add=False):
    FIGURES.parent.mkdir(parents=True, exist_ok=True)
    figures = json.loads(FIGURES.read_text()) if FIGURES.exists() else {}
    figures[name] = figures.get(name, 0) + value if add else value
    FIGURES.write_text(json.dumps(figures, indent=2, sort_keys=True))
