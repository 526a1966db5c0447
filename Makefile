# Emulation Portal: `make run` to try it, `make test` to check it. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test test-fast fmt serve bench bench-load messages clean

# uv installs the requirements (pip if uv cannot be had, or with USE_PIP=true): see scripts/install-requirements.
$(VENV)/.installed: requirements.txt
	scripts/install-requirements $(PYTHON) $(VENV) requirements.txt
	touch $@

# The test tools include requirements.txt: one run installs both (one resolution, not two).
$(VENV)/.installed-dev: requirements.txt requirements-dev.txt
	scripts/install-requirements $(PYTHON) $(VENV) requirements-dev.txt
	touch $(VENV)/.installed $@

## run: set up the embedded mode (SQLite, in-process tasks) with demo data and serve it
# The demo signs with a throwaway CA written under var/signing/ (manage.py make_demo_signer).
DEMO_SIGNING = SIGNING_PKCS12_FILE=$(CURDIR)/var/signing/signer.p12 \
	SIGNING_PKCS12_PASSWORD_FILE=$(CURDIR)/var/signing/password SIGNING_TRUST_ROOTS=$(CURDIR)/var/signing/root.pem
run: $(VENV)/.installed
	scripts/compile-messages $(PY)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py make_demo_signer
	$(DEMO_SIGNING) $(PY) manage.py seed_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(DEMO_SIGNING) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# COVERAGE=true measures branch coverage and fails below 92% (CI sets it; it doubles the run time).
COVERAGE ?= false
COVERAGE_ARGS := $(if $(filter true,$(COVERAGE)),--cov --cov-report=term:skip-covered --cov-fail-under=92,)

## test: install what the suite needs (Debian packages too), then lint and run every test
## (`make test COVERAGE=true` also measures branch coverage, as CI does)
test: $(VENV)/.installed-dev
	scripts/install-system-packages
	$(MAKE) --no-print-directory -j4 --output-sync=target checks
	# The EXPLAIN walk first, on a database no other test has written to: the plans of tiny tables
	# follow their physical size, which the rest of the suite changes (tests/test_explain_plans.py).
	scripts/with-test-services $(VENV)/bin/pytest -q -n 2 --dist worksteal tests/test_explain_plans.py $(PYTEST_ARGS)
	scripts/with-test-services $(VENV)/bin/pytest -n 2 --dist worksteal --ignore=tests/test_explain_plans.py $(COVERAGE_ARGS) $(PYTEST_ARGS)

# What `make test` checks before the suite: independent steps, run side by side (`make -j`).
.PHONY: checks compiled-messages check-format check-lint check-migrations check-deploy
checks: compiled-messages check-format check-lint check-migrations check-deploy
compiled-messages:
	scripts/compile-messages $(PY)
check-format:
	$(VENV)/bin/ruff format --check .
check-lint:
	$(VENV)/bin/ruff check .
check-migrations:
	$(PY) manage.py makemigrations --check --dry-run
# After check-migrations: on a fresh clone the first Django start compiles Django's bytecode, once.
check-deploy: check-migrations
	scripts/check-deploy $(PY)

## test-fast: lint and the quick tests on SQLite: no services, no browser, worker or slow tests, no apt-get
test-fast: $(VENV)/.installed-dev
	scripts/compile-messages $(PY)
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	env -u DATABASE_URL -u CELERY_BROKER_URL -u REQUIRE_SERVICES \
		$(VENV)/bin/pytest -q -n 2 -m "not slow and not browser and not worker" $(PYTEST_ARGS)

## fmt: format the code and apply ruff's safe fixes
fmt: $(VENV)/.installed-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## serve: production mode (PostgreSQL + Redis + Celery worker + gunicorn); needs the env of README.md
serve: $(VENV)/.installed
	scripts/compile-messages $(PY)
	scripts/serve $(PY)

## bench: run the benchmarks in bench/ and write docs/benchmarks.md
bench: $(VENV)/.installed-dev
	scripts/install-system-packages
	scripts/compile-messages $(PY)
	scripts/with-test-services $(PY) -m bench

## bench-load: the load benchmark of issue 13 (national data set, gunicorn, 16 clients, beside Django admin);
## writes docs/benchmarks.md's section bench_load (`make bench-load SCALE=0.02` for a quick run)
SCALE ?= 1
BENCH_LOAD_ARGS ?=
bench-load: $(VENV)/.installed-dev
	scripts/install-system-packages
	scripts/compile-messages $(PY)
	scripts/with-test-services $(PY) -m bench.load --scale $(SCALE) $(BENCH_LOAD_ARGS)

## messages: extract translatable strings into the Vietnamese catalogues (needs GNU gettext)
messages: $(VENV)/.installed
	scripts/make-messages

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .coverage
