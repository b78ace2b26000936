"""Engine set-up: SQLite pragmas and write-locking transactions."""

from sqlalchemy import event


def configure_sqlite(engine) -> None:
    """WAL, busy timeout, foreign keys, and BEGIN IMMEDIATE.

    Every transaction takes SQLite's write lock when it begins: a capacity check followed by an
    insert can then never interleave with another writer (the PostgreSQL path uses row locks),
    and writers wait on busy_timeout instead of failing with "database is locked".
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
