#!/usr/bin/env python3
"""Production run: the Procfile's processes with production settings on PostgreSQL and Redis, one
journey over real HTTP, a reminder email received, then everything stopped.

    .venv/bin/python scripts/reliability/production_run.py

Uses the machine's PostgreSQL and Redis (DATABASE_URL's server, a separate database `jw_prodrun`,
Redis db 14), runs the Procfile's `release` step, starts `web`, `worker` and `beat` exactly as the
Procfile says, and drives: log in -> home -> notifications -> a real change (the interface language,
saved on the profile) -> a reminder (scheduled through notifications.services) arrives by email, sent
by the worker when beat asks. Exit status 0 only if every step passed and every process stopped.
"""

import os
import re
import secrets
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import psycopg2  # noqa: E402

from tests.reliability.faults.http import Browser  # noqa: E402
from tests.reliability.faults.servers import AppProcess, django_call, free_port, port_open, wait_for  # noqa: E402

PORT = int(os.environ.get("PRODRUN_PORT") or free_port())
DATABASE = "jw_prodrun"
SERVER = os.environ.get("PRODRUN_DATABASE_SERVER", "postgres://postgres:postgres@127.0.0.1:5432/postgres")
REDIS = os.environ.get("PRODRUN_REDIS_URL", "redis://127.0.0.1:6379/14")
EMAIL = "prodrun@example.org"
PASSWORD = "een-lang-productie-wachtwoord-7"
REMINDER_TIMEOUT = int(os.environ.get("PRODRUN_REMINDER_TIMEOUT", "200"))


def step(message):
    sys.stdout.write(f"[production run] {message}\n")
    sys.stdout.flush()


def procfile():
    entries = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        if ":" in line and not line.startswith("#"):
            name, command = line.split(":", 1)
            entries[name.strip()] = command.strip()
    return entries


def recreate_database():
    server = urlparse(SERVER)
    connection = psycopg2.connect(
        host=server.hostname,
        port=server.port or 5432,
        user=server.username,
        password=server.password,
        dbname="postgres",
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    connection.close()
    return SERVER.rsplit("/", 1)[0] + "/" + DATABASE


def production_env(database_url, mail_dir):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SECURE_", "TEST_", "DJANGO_"))}
    env.update(
        PATH=f"{Path(sys.executable).parent}:{env.get('PATH', '')}",
        PORT=str(PORT),
        WEB_CONCURRENCY="2",
        CELERY_CONCURRENCY="1",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{PORT}",
        DATABASE_URL=database_url,
        REDIS_URL=REDIS,
        # Plain HTTP on localhost: the only settings that differ from production (no TLS here).
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        EMAIL_URL=f"filemail:///{mail_dir}",
        PYTHONUNBUFFERED="1",
    )
    return env


def release(env):
    import subprocess

    subprocess.run(["bash", "-c", procfile()["release"]], cwd=ROOT, env=env, check=True, timeout=600)


def start(name, env, logs):
    return AppProcess(name, ["bash", "-c", "exec " + procfile()[name]], env, logs)


def main():
    tmp = Path(tempfile.mkdtemp(prefix="jw-prodrun-"))
    mail, logs = tmp / "mail", Path(os.environ.get("PRODRUN_LOGS", ROOT / "artifacts" / "production-run"))
    mail.mkdir()
    logs.mkdir(parents=True, exist_ok=True)
    processes, ok = [], False
    try:
        step(f"database {DATABASE}, Redis {REDIS}, port {PORT}")
        env = production_env(recreate_database(), mail)
        step("release: migrate, compilemessages, collectstatic")
        release(env)
        django_call(
            env,
            "from accounts.models import Membership, Organisation, Team, User\n"
            "org = Organisation.objects.create(name='Productie')\n"
            "team = Team.objects.create(organisation=org, name='Team P')\n"
            f"user = User.objects.create_user(email={EMAIL!r}, password={PASSWORD!r}, full_name='Pim Productie')\n"
            "user.organisation = org; user.save()\n"
            "Membership.objects.create(user=user, team=team, role=Membership.Role.YOUTH_WORKER)\n",
        )
        for name in ("web", "worker", "beat"):
            processes.append(start(name, env, logs))
        wait_for(lambda: port_open(PORT), 60, what="gunicorn")
        step("web, worker and beat are up")

        browser = Browser(f"http://127.0.0.1:{PORT}")
        assert browser.get("/")[0] == 302, "anonymous is not sent to the login page"
        assert browser.login(EMAIL, PASSWORD), "login failed"
        status, body, headers = browser.get("/")
        assert status == 200 and "Content-Security-Policy" in headers and "no-store" in headers["Cache-Control"]
        assert browser.get("/meldingen/")[0] == 200
        step("logged in; home and notifications served with CSP and no-store")
        status, _, _ = browser.post("/taal/", {"language": "en", "next": "/"}, form_page="/")
        assert status == 302
        saved = django_call(env, f"from accounts.models import User; print(User.objects.get(email={EMAIL!r}).language)")
        assert saved == "en", f"the language change was not saved ({saved!r})"
        step("a real change over HTTP is saved (interface language)")

        marker = secrets.token_hex(6)
        django_call(
            env,
            "from accounts.models import User\n"
            "from notifications.kinds import Kind\n"
            "from notifications.services import notification_schedule\n"
            f"notification_schedule(recipient=User.objects.get(email={EMAIL!r}), kind=next(iter(Kind)), "
            f"link='/meldingen/?prodrun={marker}', key={marker!r})\n",
        )
        step(f"reminder scheduled; waiting up to {REMINDER_TIMEOUT}s for beat and the worker to email it")
        found = wait_for(
            lambda: [path for path in mail.iterdir() if marker.encode() in path.read_bytes()],
            REMINDER_TIMEOUT,
            interval=2,
            what="the reminder email",
        )
        message = found[0].read_text(errors="replace")
        assert len(found) == 1 and f"To: {EMAIL}" in message and re.search(r"Subject: \[Jongerenwerk\]", message)
        step("the reminder email arrived once, with the link and no content")
        ok = True
    finally:
        for process in reversed(processes):
            process.stop()
        alive = [process.name for process in processes if process.alive()]
        for process in processes:
            try:
                os.killpg(process.process.pid, 0)
                alive.append(process.name + " (group)")
            except ProcessLookupError:
                pass
        step("stopped: " + (", ".join(alive) + " STILL RUNNING" if alive else "all processes"))
        ok = ok and not alive
        shutil.rmtree(tmp, ignore_errors=True)
    step("PASSED" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *args: sys.exit(1))
    sys.exit(main())
