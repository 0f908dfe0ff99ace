#!/usr/bin/env bash
# Installs (as root, from Debian's packages) what the Makefile needs and is missing,
# and starts PostgreSQL and Redis when none answer. Without root it says what to install.
#   scripts/system-deps.sh base      python venv support and gettext (for `make run`)
#   scripts/system-deps.sh services  also PostgreSQL, Redis and Chromium, started (for `make test`)
set -euo pipefail
want="${1:-base}"
missing=()

python3.11 -c "import venv, ensurepip" 2>/dev/null || missing+=(python3-venv)
command -v msgfmt >/dev/null || missing+=(gettext)
command -v make >/dev/null || missing+=(make)
if [ "$want" = services ]; then
  command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium fonts-dejavu-core)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

[ "$want" = services ] || exit 0

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432; }
if ! pg_up; then
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL is not answering on 127.0.0.1:5432. Start it (pg_ctlcluster <version> main start)." >&2
    exit 1
  fi
  version="$(ls /etc/postgresql | sort -V | tail -n1)"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || pg_ctlcluster "$version" main start
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  # The suite connects as postgres/postgres over TCP; on a trust setup the password is ignored.
  su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
fi
pg_up || { echo "PostgreSQL did not start." >&2; exit 1; }

redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }
if ! redis_up; then
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/jongerenwerk.log
  for _ in $(seq 1 30); do redis_up && break; sleep 1; done
fi
redis_up || { echo "Redis did not start." >&2; exit 1; }
echo "PostgreSQL and Redis are up."
