"""PostgreSQL, Redis and the app's own processes, started by a test on their own ports so it can stop them.

PostgreSQL: `initdb`/`pg_ctl` from /usr/lib/postgresql/*/bin in a temporary folder (as the `postgres`
system user when the suite runs as root). Redis: `redis-server --save ""`. The app: the Procfile's
commands (gunicorn, celery worker, celery beat) with production settings, each in its own process
group so that SIGKILL reaches its children too.
"""

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parents[3]
VENV_BIN = Path(sys.executable).parent


def wait_for(predicate, timeout, interval=0.1, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout}s waiting for {what}")


def free_port():
    """A port nothing listens on now (parallel runs of the suite must not share the fault servers)."""
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port):
    with contextlib.closing(socket.socket()) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class Postgres:
    def __init__(self, port=None):
        self.port = port or free_port()
        versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: int(path.split("/")[-2]))
        if not versions:
            raise RuntimeError(
                "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql)"
            )
        self.bin = Path(versions[-1])
        self.dir = Path(tempfile.mkdtemp(prefix="jw-pg-"))
        self.data = self.dir / "data"
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            account = pwd.getpwnam("postgres")
            os.chown(self.dir, account.pw_uid, account.pw_gid)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")

    def _run(self, tool, *args, check=True):
        command = [str(self.bin / tool), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=120)

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "log"), "-o", options, "-w", "start")

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def url(self, database="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def connect(self, database):
        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=database)
        connection.autocommit = True
        return connection

    def query(self, database, sql, params=()):
        with contextlib.closing(self.connect(database)) as connection, connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else None

    def create_database(self, name):
        self.query("postgres", f'CREATE DATABASE "{name}"')

    def destroy(self):
        self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


class Redis:
    def __init__(self, port=None):
        self.port = port or free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: port_open(self.port), 20, what=f"redis on {self.port}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        wait_for(lambda: not port_open(self.port), 10, what="redis to stop")

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def flush(self):
        subprocess.run(["redis-cli", "-p", str(self.port), "flushall"], check=True, capture_output=True, timeout=10)


class AppProcess:
    """One of the Procfile's processes, in its own process group."""

    def __init__(self, name, command, env, log_dir):
        self.name = name
        self.log = open(Path(log_dir) / f"{name}.log", "ab")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def alive(self):
        return self.process.poll() is None

    def kill(self, sig=signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)

    def stop(self, timeout=20):
        if self.alive():
            self.kill(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill(signal.SIGKILL)
                self.process.wait(10)
        # Children of a killed leader may linger in the group.
        self.kill(signal.SIGKILL)
        self.log.close()


def app_env(postgres, database, redis, mail_dir, port, **extra):
    """Production settings for processes the test starts (HTTP on localhost, mail to files)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SECURE_", "TEST_", "DJANGO_"))}
    env.update(
        PATH=f"{VENV_BIN}:{env.get('PATH', '')}",
        DATABASE_URL=postgres.url(database),
        REDIS_URL=redis.url(0),
        SECRET_KEY="faults-" + "x" * 50,
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        SECURE_HSTS_SECONDS="0",
        # django-environ drops one leading slash of the path: four in all for an absolute folder.
        EMAIL_URL=f"filemail:///{mail_dir}",
        CONN_MAX_AGE="60",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def manage(env, *args, timeout=300):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def django_call(env, code, timeout=120):
    """Run Python in a Django process with the given env (seeding the fault database)."""
    script = "import django; django.setup()\n" + code
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "jongerenwerk.settings"},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    return result.stdout.strip()


def gunicorn(env, port, log_dir, workers=2, name="web"):
    command = [
        str(VENV_BIN / "gunicorn"),
        "jongerenwerk.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--graceful-timeout",
        "5",
    ]
    process = AppProcess(name, command, env, log_dir)
    wait_for(lambda: port_open(port), 60, what="gunicorn")
    return process


def celery_worker(env, log_dir, name="worker", concurrency=1):
    command = [
        str(VENV_BIN / "celery"),
        "-A",
        "jongerenwerk",
        "worker",
        "--loglevel=INFO",
        f"--concurrency={concurrency}",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-n",
        f"{name}@%h",
    ]
    return AppProcess(name, command, env, log_dir)


def celery_beat(env, log_dir):
    command = [
        str(VENV_BIN / "celery"),
        "-A",
        "jongerenwerk",
        "beat",
        "--loglevel=INFO",
        "--scheduler",
        "django_celery_beat.schedulers:DatabaseScheduler",
    ]
    return AppProcess("beat", command, env, log_dir)
