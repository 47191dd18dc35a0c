# Two commands on a fresh machine: `make run` serves the platform (with its task worker and
# scheduler), `make test` proves it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: run test install install-dev messages translations lint bench bench-live bench-certificates bench-report bench-load clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed translations

install-dev: $(VENV)/.installed-dev translations $(if $(wildcard package.json),node_modules/.package-lock.json)

# Test-time tools from the npm registry (axe-core for the accessibility tests); `make run`
# never needs npm. Without npm those tests are skipped (and fail on CI).
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund; \
	else echo "npm not found: the accessibility tests will be skipped"; fi

translations: | $(BIN)/python
	$(BIN)/python manage.py compilemessages --ignore=$(VENV) --ignore=node_modules -v 0

run: install
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py serve --host $(HOST) --port $(PORT)

# One worker per core; a file's tests stay on one worker (module-scoped set-ups such as the
# demo's load run once, and Chromium starts once per worker).
PYTEST_PARALLEL ?= -n auto --dist loadfile

test: install-dev
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/python -m ruff check .
	$(BIN)/lint-imports

# Refresh the catalogues after changing user-visible strings.
messages: install-dev
	$(BIN)/python manage.py makemessages --ignore=$(VENV) --ignore=node_modules --ignore=tests \
		--ignore=bench --no-obsolete -l ar -l zh_Hans -l fr -l ru -l es

bench: install-dev
	$(BIN)/python bench/pages.py

bench-live: install-dev
	$(BIN)/python bench/live.py

bench-certificates: install-dev
	$(BIN)/python bench/certificates.py

bench-report: install-dev
	$(BIN)/python bench/report.py

# Needs PostgreSQL and Redis on 127.0.0.1 (DATABASE_URL, REDIS_URL) and nginx if installed.
bench-load: install-dev
	$(BIN)/python bench/load.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3* static media
