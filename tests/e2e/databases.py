"""Throw-away PostgreSQL databases for tests that need a schema of their own.

`temporary_database(server_url, prefix)` creates `<prefix>_<random>` on the server of
`server_url` (the role must have CREATEDB), yields its URL and drops it afterwards. With no
URL, or a non-PostgreSQL one, it yields None: the caller uses a SQLite file instead.
"""

import secrets
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from sesame_group.config import normalise_db_url


@contextmanager
def temporary_database(server_url, prefix):
    if not server_url or not normalise_db_url(server_url).startswith("postgresql"):
        yield None
        return
    url = make_url(normalise_db_url(server_url))
    name = f"{prefix}_{secrets.token_hex(4)}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
