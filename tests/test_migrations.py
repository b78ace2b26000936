"""Alembic revisions: round trip on an empty database, and no drift from the models.

Runs on a fresh SQLite file, and on PostgreSQL when TEST_DATABASE_URL is set (in a throw-away
database created on that server, so the unit tests' schema is untouched). `flask db` runs in a
subprocess, as a person would run it (and so alembic's logging set-up stays out of pytest).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from sesame_group.config import normalise_db_url
from sesame_group.extensions import db as _db
from tests.e2e.databases import temporary_database

ROOT = Path(__file__).resolve().parents[1]
SERVER = os.environ.get("TEST_DATABASE_URL") or ""
# PostgreSQL only when the run has a server (CI's second run, `make test-postgres`).
DATABASES = ["sqlite"] + (
    ["postgresql"] if normalise_db_url(SERVER).startswith("postgresql") else []
)


@pytest.fixture(params=DATABASES)
def empty_database(request, tmp_path):
    if request.param == "postgresql":
        with temporary_database(SERVER, "sesame_mig") as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path}/migrations.db"


def flask_db(url, *args):
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "migrations-test"}
    env.pop("FLASK_DEBUG", None)
    completed = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", "db", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, (
        f"flask db {' '.join(args)} failed:\n{completed.stdout}\n{completed.stderr}"
    )


def table_names(url):
    engine = create_engine(normalise_db_url(url))
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def drift(url):
    engine = create_engine(normalise_db_url(url))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_as_batch": True}
            )
            return compare_metadata(context, _db.metadata)
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade_round_trip(empty_database):
    models = {table.name for table in _db.metadata.sorted_tables}
    flask_db(empty_database, "upgrade")
    first = table_names(empty_database)
    assert first, "upgrade built no table"
    assert first <= models, f"tables without a model: {sorted(first - models)}"
    flask_db(empty_database, "downgrade", "base")
    assert table_names(empty_database) == set(), "downgrade base left tables behind"
    flask_db(empty_database, "upgrade")
    assert table_names(empty_database) == first


def test_migrated_schema_matches_the_models(empty_database):
    flask_db(empty_database, "upgrade")
    differences = drift(empty_database)
    assert differences == [], (
        "the models differ from the migrated schema; generate a revision with "
        "`flask --app app db migrate -m '...'` and review it:\n"
        + "\n".join(str(d)[:300] for d in differences)
    )
