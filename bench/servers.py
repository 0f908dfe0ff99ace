"""The processes under test: gunicorn and a Celery worker, started for one measurement and stopped by pid."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ACCESS_FORMAT = "%({x-bench}i)s %(s)s %(D)s"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process, name):
    """Stop a process this harness started (SIGTERM, then SIGKILL after 20 s)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            sys.stdout.write(f"  {name} did not stop in 20 s: killing pid {process.pid}\n")
            process.kill()
            process.wait()


@contextmanager
def gunicorn(env, workdir, workers=3, label="gunicorn"):
    """Gunicorn serving the app on a free port; yields (base URL, access log path)."""
    port = free_port()
    access_log = Path(workdir) / f"{label}-access.log"
    access_log.unlink(missing_ok=True)
    command = [
        str(BIN / "gunicorn"),
        "jongerenwerk.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--access-logfile={access_log}",
        f"--access-logformat={ACCESS_FORMAT}",
        f"--error-logfile={Path(workdir) / f'{label}-error.log'}",
        "--timeout=300",
    ]
    base = f"http://127.0.0.1:{port}"
    # The app's own log (errors with tracebacks) goes to a file, never to the harness's output.
    with open(Path(workdir) / f"{label}-output.log", "w") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            _wait_for(f"{base}/gezond/", process)
            yield base, access_log
        finally:
            stop(process, "gunicorn")


def _wait_for(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} before it answered")
        try:
            with urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (URLError, ConnectionError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout} s")


@contextmanager
def celery_worker(env, workdir, concurrency=2):
    """One Celery worker (prefork, `concurrency` processes) on the Redis broker of `env`."""
    command = [
        str(BIN / "celery"),
        "-A",
        "jongerenwerk",
        "worker",
        f"--concurrency={concurrency}",
        "--loglevel=WARNING",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-n",
        f"bench-{os.getpid()}@%h",
    ]
    with open(Path(workdir) / "celery-worker.log", "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield process
        finally:
            stop(process, "celery worker")
