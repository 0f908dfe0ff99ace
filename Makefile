# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# The suite runs on real PostgreSQL and Redis, never SQLite.
TEST_DATABASE_URL ?= postgres://postgres:postgres@127.0.0.1:5432/jongerenwerk
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
TEST_ENV := DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) SECRET_KEY=test-only-secret-key DEBUG=false \
	SECURE_SSL_REDIRECT=false SECURE_COOKIES=false ALLOWED_HOSTS=localhost,127.0.0.1,testserver
DEV_ENV := DEBUG=true DATABASE_URL= REDIS_URL=

.PHONY: run test lint messages makemessages install install-dev services clean bench bench-smoke

$(VENV)/.installed: requirements.txt
	scripts/system-deps.sh base
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

messages: $(VENV)/.installed
	$(DEV_ENV) $(PY) manage.py compilemessages -v0 --ignore=.venv

# Each app keeps its own catalogue (<app>/locale); the root `locale/` holds templates/ and jongerenwerk/.
APPS := accounts audit notifications policy registration signals privacy
makemessages: $(VENV)/.installed
	$(DEV_ENV) DJANGO_SETTINGS_MODULE=jongerenwerk.settings PYTHONPATH=. $(VENV)/bin/django-admin makemessages \
		-l nl -l en --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=static --ignore=artifacts \
		--ignore=tests $(foreach app,$(APPS),--ignore=$(app))
	for app in $(APPS); do mkdir -p $$app/locale && (cd $$app && $(DEV_ENV) DJANGO_SETTINGS_MODULE=jongerenwerk.settings \
		PYTHONPATH=.. ../$(VENV)/bin/django-admin makemessages -l nl -l en --no-obsolete) || exit 1; done

run: install messages
	$(DEV_ENV) $(PY) manage.py migrate -v0
	$(DEV_ENV) $(PY) manage.py seed_demo
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

services:
	scripts/system-deps.sh services

test: install-dev services messages
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)

# The reliability suite at the issue's long sizes: 10,000 fuzz examples, Redis away for 60 seconds,
# 1,000 foreign ids and 100 random ids per object URL, called as a youth worker, with 10 of them per other role
# (tests/reliability; `make test` runs it at the CI sizes). Every role on every id would be ~415,000 requests.
.PHONY: test-long
test-long: install-dev services messages
	$(TEST_ENV) JW_FUZZ_EXAMPLES=10000 JW_REDIS_OUTAGE=60 JW_FOREIGN_IDS=1000 JW_RANDOM_IDS=100 JW_FOREIGN_SAMPLE=10 $(PY) -m pytest tests/reliability $(PYTEST_ARGS)

# Performance at the scale of a large organisation (bench/NOTES.md): its own databases and Redis db.
BENCH_POSTGRES_URL ?= postgres://postgres:postgres@127.0.0.1:5432
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/13
BENCH_ENV := BENCH_POSTGRES_URL=$(BENCH_POSTGRES_URL) REDIS_URL=$(BENCH_REDIS_URL)
bench: install-dev services messages
	$(BENCH_ENV) $(PY) -m bench.run --mode full $(BENCH_ARGS)

bench-smoke: install-dev services messages
	$(BENCH_ENV) $(PY) -m bench.run --mode smoke $(BENCH_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles artifacts db.sqlite3
