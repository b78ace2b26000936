# Sésame — set-up and checks. `make run` and `make test` work from a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
STAMP := $(VENV)/.installed
PYTEST := $(BIN)/pytest -q -p no:cacheprovider
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar
TEST_DATABASE_URL ?= postgresql://sesame:sesame@127.0.0.1:5432/sesame_test
# The PostgreSQL run repeats every test but the browser ones (they crawl a SQLite demo copy;
# `make test-postgres PG_PYTEST_ARGS=` runs them on a throw-away PostgreSQL database too).
PG_PYTEST_ARGS ?= -m "not e2e"

.PHONY: run test test-postgres e2e lint format setup db vnu bench translations clean

$(STAMP): requirements.txt requirements-dev.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP) translations/en/LC_MESSAGES/messages.mo

translations/en/LC_MESSAGES/messages.mo: translations/en/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel compile -d translations

db: setup
	FLASK_DEBUG=1 $(FLASK) db upgrade
	FLASK_DEBUG=1 $(FLASK) seed-demo --if-empty

run: db
	FLASK_DEBUG=1 $(FLASK) run --host 127.0.0.1 --port 5000

# The Nu HTML checker for the browser tests (npm package, run by Java). Without npm the HTML
# check skips locally and fails in CI.
vnu: $(VNU_JAR)
$(VNU_JAR): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --ignore-scripts --no-fund --no-audit --loglevel=error; \
	else echo "npm not found: the HTML validity check will not run (apt-get install -y npm)"; fi

# Everything on SQLite: unit, migration, browser (Chromium) and HTML checks. The suite builds
# its own databases (migrations applied to empty ones, demo data for the browser tests), so a
# migration lagging behind the models fails one precise test instead of stopping the run.
test: db vnu
	$(PYTEST) $(PYTEST_ARGS)

# Everything again on a running PostgreSQL server (`.ci/run` starts one).
test-postgres: setup
	@$(BIN)/python .ci/check_postgres.py "$(TEST_DATABASE_URL)"
	TEST_DATABASE_URL="$(TEST_DATABASE_URL)" $(PYTEST) $(PG_PYTEST_ARGS) $(PYTEST_ARGS)

e2e: setup vnu
	$(PYTEST) tests/e2e $(PYTEST_ARGS)

lint: setup
	@$(BIN)/ruff check .; check=$$?; $(BIN)/ruff format --check .; format=$$?; \
	test $$check -eq 0 -a $$format -eq 0

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o messages.pot .
	$(BIN)/pybabel update -i messages.pot -d translations --no-fuzzy-matching

bench: db
	$(BIN)/python bench/feeds.py

clean:
	rm -rf $(VENV) node_modules instance/sesame.db* instance/outbox
