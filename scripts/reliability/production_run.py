#!/usr/bin/env python3
"""Production run: the Procfile's processes with production settings on PostgreSQL and Redis, one
journey over real HTTP, a reminder email received, then everything stopped.

    .venv/bin/python scripts/reliability/production_run.py

Uses the machine's PostgreSQL and Redis (a separate database, `jw_prodrun` unless PRODRUN_DATABASE says
otherwise, and Redis db 14 unless PRODRUN_REDIS_URL does), runs the Procfile's `release` step, starts
`web`, `worker` and `beat` exactly as the Procfile says, and drives: log in -> home -> notifications ->
register a contact on the quick contact form (its CSRF token and fields, read from the page as a browser
would) -> the week view shows it and the database holds it, audited -> a reminder (scheduled through
notifications.services) arrives by email, sent by the worker when beat asks. Exit status 0 only if every
step passed and every process stopped.
"""

import json
import os
import re
import secrets
import shutil
import signal
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import psycopg2  # noqa: E402

from tests.reliability.faults.http import Browser  # noqa: E402
from tests.reliability.faults.servers import AppProcess, django_call, free_port, port_open, wait_for  # noqa: E402

PORT = int(os.environ.get("PRODRUN_PORT") or free_port())
DATABASE = os.environ.get("PRODRUN_DATABASE", "jw_prodrun")
SERVER = os.environ.get("PRODRUN_DATABASE_SERVER", "postgres://postgres:postgres@127.0.0.1:5432/postgres")
REDIS = os.environ.get("PRODRUN_REDIS_URL", "redis://127.0.0.1:6379/14")
EMAIL = "prodrun@example.org"
PASSWORD = "een-lang-productie-wachtwoord-7"
PLATFORM, TARGET_GROUP, MINUTES = "Instagram", "Meiden 12-16", 25
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


class FormFields(HTMLParser):
    """The fields of a page's POST form as a browser would send them: every input's value, each select's
    chosen option, and each select's options by their label (to choose one)."""

    def __init__(self, html):
        super().__init__()
        self.values, self.options, self._select, self._option = {}, {}, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") and attrs.get("type") not in ("checkbox", "radio", "submit"):
            self.values[attrs["name"]] = attrs.get("value") or ""
        elif tag == "select":
            self._select = attrs.get("name")
            self.options[self._select] = {}
        elif tag == "option" and self._select:
            self._option = attrs.get("value", "")
            if "selected" in attrs:
                self.values[self._select] = self._option

    def handle_data(self, data):
        if self._select and self._option is not None and data.strip():
            self.options[self._select][data.strip()] = self._option

    def handle_endtag(self, tag):
        if tag == "option":
            self._option = None
        elif tag == "select":
            self._select = None


def register_contact(browser, env):
    """The quick contact form over HTTP: read it, choose platform and target group, save; then the week view
    and the database must show the contact."""
    path = "/registratie/contact/snel/"
    status, page, _ = browser.get(path)
    assert status == 200, f"the quick contact form answered {status}"
    form = FormFields(page)
    assert form.values.get("csrfmiddlewaretoken"), "no CSRF token on the quick contact form"
    data = {
        **form.values,
        "platform": form.options["platform"][PLATFORM],
        "target_group": form.options["target_group"][TARGET_GROUP],
        "duration_minutes": str(MINUTES),
        "young_people_count": "2",
    }
    status, _, headers = browser.request("POST", path, data)
    location = headers.get("Location") or ""
    assert status == 302 and location.startswith("/registratie/"), f"the contact was not saved ({status})"
    status, week, _ = browser.get(location)
    assert status == 200 and f"{PLATFORM}, {TARGET_GROUP}, 2" in week, "the week view does not show the contact"
    assert f"Contact opgeslagen: {MINUTES} minuten." in week, "no confirmation after saving"
    saved = json.loads(
        django_call(
            env,
            "import json\n"
            "from audit.models import AuditEvent\n"
            "from registration.models import Contact\n"
            f"contacts = list(Contact.objects.filter(worker__email={EMAIL!r}).select_related('platform', "
            "'target_group'))\n"
            "print(json.dumps([[c.platform.name, c.target_group.name, c.duration_minutes, c.young_people_count, "
            "AuditEvent.objects.filter(object_type='registration.contact', object_id=str(c.pk), "
            "action='create').count()] for c in contacts]))\n",
        )
    )
    assert saved == [[PLATFORM, TARGET_GROUP, MINUTES, 2, 1]], f"the database holds {saved}"


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
            "from accounts.models import Membership, Organisation, TargetGroup, Team, User\n"
            "org = Organisation.objects.create(name='Productie')\n"
            "team = Team.objects.create(organisation=org, name='Team P')\n"
            f"user = User.objects.create_user(email={EMAIL!r}, password={PASSWORD!r}, full_name='Pim Productie')\n"
            "user.organisation = org; user.save()\n"
            "Membership.objects.create(user=user, team=team, role=Membership.Role.YOUTH_WORKER)\n"
            f"TargetGroup.objects.create(team=team, name={TARGET_GROUP!r})\n",
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
        register_contact(browser, env)
        step("a contact registered on the quick form: the week view shows it, the database holds it, audited")

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
