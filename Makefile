# Parvis developer commands. Needs only Python 3.11+ (with venv and pip) and make.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?= -n 2 --dist loadgroup
# Python writes its compiled modules (and pytest its rewritten test modules) to __pycache__, even
# where the environment says not to: every test process and every `parvis` a test starts would
# otherwise compile the same sources again (7 s of each test run's start, measured).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: demo serve test test-sqlite test-postgres test-nodes test-scaffold lint typecheck i18n bench clean

$(BIN)/.installed: pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

## Set up, fill a fresh SQLite database with the Paris demo data, serve http://localhost:8000
demo: $(BIN)/.installed
	$(BIN)/parvis demo
	$(BIN)/parvis serve --host 127.0.0.1 --port 8000

serve: $(BIN)/.installed
	$(BIN)/parvis serve --host 127.0.0.1 --port 8000

## Set up and run the whole suite: lint, then every test on SQLite, then again on PostgreSQL
## when $$PARVIS_TEST_DATABASE_URL names a server (CI sets it).
# Every step runs even if an earlier one fails, so one run reports everything; the exit status
# is non-zero if any step failed. Lint (mostly mypy, on one core) runs beside the SQLite pass and
# its report is printed after it. The PostgreSQL pass skips the tests that never reach a database
# (they ran in the SQLite pass: tests/conftest.py) and shares the browser journeys with it: each
# runs once in each of its languages (tests/e2e/conftest.py).
test: $(BIN)/.installed
	@status=0; lint_log=$$(mktemp); \
	( $(MAKE) --no-print-directory lint >$$lint_log 2>&1; echo $$? >>$$lint_log.status ) & \
	$(MAKE) --no-print-directory test-sqlite || status=1; \
	wait; echo "== lint"; cat $$lint_log; [ "$$(cat $$lint_log.status)" = 0 ] || status=1; \
	rm -f $$lint_log $$lint_log.status; \
	PARVIS_SQLITE_PASS_RAN=1 $(MAKE) --no-print-directory test-postgres || status=1; \
	exit $$status

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python tools/lint_imports.py
	$(BIN)/python tools/typecheck.py

## mypy on core and the plugins, settings in pyproject.toml [tool.mypy] (docs/developing.md, "Types")
typecheck: $(BIN)/.installed
	$(BIN)/python tools/typecheck.py

## When the PostgreSQL run follows (\$$PARVIS_TEST_DATABASE_URL set), the browser journeys are shared
## between the two runs: each runs once in each of its languages (tests/e2e/conftest.py).
test-sqlite: $(BIN)/.installed
	env -u PARVIS_TEST_DATABASE_URL PARVIS_E2E_SHARED_WITH=$${PARVIS_TEST_DATABASE_URL:+postgresql} \
		$(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: $(BIN)/.installed
	@if [ -n "$$PARVIS_TEST_DATABASE_URL" ]; then \
		$(BIN)/python -m pytest $(PYTEST_ARGS) ; \
	else \
		echo "PostgreSQL run skipped: set PARVIS_TEST_DATABASE_URL=postgresql://user@host/dbname to run it."; \
	fi

## Several machines (tests/nodes): two production nodes, a job worker and nginx on the PostgreSQL
## of $$PARVIS_TEST_DATABASE_URL (a database named after it, with "_cluster"). Needs nginx
## (Debian: nginx); CI runs it after `make test`.
test-nodes: $(BIN)/.installed
	@if [ -z "$$PARVIS_TEST_DATABASE_URL" ]; then \
		echo "test-nodes needs PostgreSQL: set PARVIS_TEST_DATABASE_URL=postgresql://user@host/dbname"; exit 1; \
	fi
	PARVIS_NODES_TEST=1 $(BIN)/python -m pytest -p no:xdist tests/nodes

## A plugin written by `parvis plugin new`, installed in the venv: its own tests must pass as
## generated (on SQLite, then on PostgreSQL when $$PARVIS_TEST_DATABASE_URL is set); it is
## uninstalled afterwards, so the suite never sees it.
test-scaffold: $(BIN)/.installed
	@dir=$$(mktemp -d); status=0; \
	$(BIN)/parvis plugin new sample_lab --dest $$dir/sample_lab \
	&& $(BIN)/python -m pip install -q --no-deps -e $$dir/sample_lab \
	&& env -u PARVIS_TEST_DATABASE_URL $(BIN)/python -m pytest $$dir/sample_lab/tests -q -p no:cacheprovider \
	&& if [ -n "$$PARVIS_TEST_DATABASE_URL" ]; then \
		$(BIN)/python -m pytest $$dir/sample_lab/tests -q -p no:cacheprovider; fi \
	|| status=1; \
	$(BIN)/python -m pip uninstall -q -y parvis-sample-lab; rm -rf $$dir; exit $$status

i18n: $(BIN)/.installed
	$(BIN)/parvis i18n update
	$(BIN)/parvis i18n check

bench: $(BIN)/.installed
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	@echo "See bench/README.md for each benchmark's command."

clean:
	rm -rf $(VENV) var build *.egg-info .pytest_cache .ruff_cache
