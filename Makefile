# Sésame — set-up and checks. `make run` and `make test` work from a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
STAMP := $(VENV)/.installed

.PHONY: run test test-postgres e2e lint format setup db bench translations clean

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

test: db
	$(BIN)/pytest -q -p no:cacheprovider $(PYTEST_ARGS)

test-postgres: setup
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-postgresql://sesame:sesame@127.0.0.1:5432/sesame_test} \
	  $(BIN)/pytest -q -p no:cacheprovider $(PYTEST_ARGS)

e2e: setup
	$(BIN)/pytest -q -p no:cacheprovider tests/e2e $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o messages.pot .
	$(BIN)/pybabel update -i messages.pot -d translations --no-fuzzy-matching

bench: db
	$(BIN)/python bench/feeds.py

clean:
	rm -rf $(VENV) instance/sesame.db* instance/outbox
