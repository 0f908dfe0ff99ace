"""`make run`'s embedded default works: a fresh SQLite database migrates, seeds and serves every person's pages.

The rest of the suite runs on PostgreSQL, so PostgreSQL-only code (array fields, raw SQL, triggers) would
otherwise break `make run` unnoticed.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def test_make_run_default_migrates_seeds_and_serves_every_persons_pages(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "",
        "ALLOWED_HOSTS": "localhost",
    }
    for step in (["manage.py", "migrate", "-v0"], ["manage.py", "seed_demo"]):
        result = run(step, env)
        assert result.returncode == 0, result.stderr[-3000:]

    crawl = run(["-m", "tests.embedded_crawl"], env)

    assert crawl.returncode == 0, crawl.stdout[-3000:] + crawl.stderr[-3000:]
    requested = int(crawl.stdout.split(" pages requested")[0].rsplit("\n", 1)[-1])
    assert requested > 50
