"""Shared fixtures: app, client, runner, db cleaning, auth, creators, SMTP, query counter.

The database is TEST_DATABASE_URL (PostgreSQL in CI's second run) or a temporary SQLite file
(threads can share a file). The schema is built once per session; rows are emptied after each
test. Every test runs inside an app context, so `db.session` works directly.
"""

import email
import os
import re
import socket
import tempfile
from contextlib import contextmanager
from datetime import time

import pytest
from sqlalchemy import event, text
from werkzeug.security import generate_password_hash

from sesame_group import create_app
from sesame_group.extensions import db as _db

PASSWORD = "motdepasse-test"
FAST_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1")  # tests stay fast


def _database_url(tmp_dir):
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_dir}/test.db"


@pytest.fixture(scope="session")
def app():
    tmp_dir = tempfile.mkdtemp(prefix="sesame-test-")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": _database_url(tmp_dir),
            "WTF_CSRF_ENABLED": False,
            "INSTANCE_PATH": tmp_dir,
            "MAIL_SERVER": None,
            "SERVER_HOST": "sesame.test",
        }
    )
    with app.app_context():
        _db.drop_all()
        _db.create_all()
        event.listen(_db.engine, "before_cursor_execute", _track_inserts)
    yield app
    with app.app_context():
        _db.session.remove()
        _db.drop_all()
        _db.engine.dispose()


_INSERT = re.compile(r'^\s*INSERT\s+INTO\s+"?(\w+)"?', re.IGNORECASE)
_written: set[str] = set()


def _track_inserts(conn, cursor, statement, parameters, context, executemany):
    match = _INSERT.match(statement)
    if match:
        _written.add(match.group(1))


def _empty_tables():
    """Empty the tables written since the last call (all of them the first time)."""
    tables = [t.name for t in reversed(_db.metadata.sorted_tables) if t.name in _written]
    _written.clear()
    if not tables:
        return
    if _db.engine.dialect.name == "postgresql":
        with _db.engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    else:  # children first: reversed dependency order
        with _db.engine.begin() as conn:
            for name in tables:
                conn.execute(text(f"DELETE FROM {name}"))


@pytest.fixture(autouse=True)
def db(app):
    """An app context for the test; the tables it wrote emptied afterwards."""
    with app.app_context():
        yield _db
        _db.session.remove()
        _empty_tables()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, email, password=PASSWORD):
        return self._client.post("/accounts/login", data={"email": email, "password": password})

    def logout(self):
        return self._client.post("/accounts/logout")

    def login_as(self, user):
        response = self.login(user.email)
        assert response.status_code == 302, "login failed"
        return user


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def create_partner(db):
    from sesame_group.network.models import Partner

    counter = {"n": 0}

    def make(**fields):
        counter["n"] += 1
        values = dict(
            name=f"Commune test {counter['n']}",
            kind="commune",
            insee_code=f"16{counter['n']:03d}",
            population=1000,
            population_year=2021,
        )
        values.update(fields)
        partner = Partner(**values)
        db.session.add(partner)
        db.session.commit()
        return partner

    return make


@pytest.fixture
def create_library(db, create_partner):
    from sesame_group.network.models import Library, OpeningHour

    counter = {"n": 0}

    def make(partner=None, hours=None, **fields):
        counter["n"] += 1
        values = dict(
            name=f"Bibliothèque test {counter['n']}",
            town="Angoulême",
            partner=partner or create_partner(),
        )
        values.update(fields)
        library = Library(**values)
        for weekday, opens, closes in hours or []:
            library.opening_hours.append(OpeningHour(weekday=weekday, opens=opens, closes=closes))
        db.session.add(library)
        db.session.commit()
        return library

    return make


@pytest.fixture
def create_user(db, create_library):
    from sesame_group.accounts.models import User

    counter = {"n": 0}

    def make(role="librarian", library=None, **fields):
        counter["n"] += 1
        if role == "librarian" and library is None:
            library = create_library()
        values = dict(
            email=f"membre{counter['n']}@example.fr",
            display_name=f"Membre {counter['n']}",
            role=role,
            library=library if role == "librarian" else None,
            password_hash=FAST_HASH,
            active=True,
            language="fr",
        )
        values.update(fields)
        user = User(**values)
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def coordinator(create_user):
    return create_user(role="coordinator", email="coord@example.fr", display_name="Coordination")


@pytest.fixture
def librarian(create_user, create_library):
    library = create_library(
        name="Médiathèque de Chalais", hours=[(1, time(9, 30), time(12)), (1, time(14), time(18))]
    )
    return create_user(email="biblio@example.fr", display_name="Lucie Biblio", library=library)


@pytest.fixture
def other_librarian(create_user):
    return create_user(email="autre@example.fr", display_name="Paul Autre")


class SmtpSink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(app):
    """A real SMTP server on loopback; the app sends there for the test's duration."""
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    old = app.config["MAIL_SERVER"], app.config["MAIL_PORT"]
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    yield sink
    app.config["MAIL_SERVER"], app.config["MAIL_PORT"] = old
    controller.stop()


@pytest.fixture
def count_queries(db):
    """with count_queries() as queries: ...; len(queries) is the number of statements."""

    @contextmanager
    def counter():
        statements = []

        def listener(conn, cursor, statement, parameters, context, executemany):
            if not statement.startswith(("BEGIN", "SAVEPOINT", "RELEASE")):
                statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            yield statements
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)

    return counter
