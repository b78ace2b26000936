"""`make test-postgres` helper: is a PostgreSQL server answering at TEST_DATABASE_URL?

Exits 0 when it does; otherwise explains how to get one and exits 2.
"""

import sys

import psycopg

url = sys.argv[1]
try:
    with psycopg.connect(url, connect_timeout=5) as connection:
        version = connection.execute("SHOW server_version").fetchone()[0]
except psycopg.Error as error:
    print(
        f"No PostgreSQL answers at {url}:\n  {str(error).strip()}\n"
        "Start one and create the role and database, e.g. as root on Debian:\n"
        "  apt-get install -y postgresql && pg_ctlcluster 15 main start\n"
        "  runuser -u postgres -- psql -c\n"
        "    \"CREATE ROLE sesame LOGIN SUPERUSER PASSWORD 'sesame'\"\n"
        "  runuser -u postgres -- createdb -O sesame sesame_test\n"
        "or run `bash .ci/run`, which does all of it; or set TEST_DATABASE_URL=postgresql://…",
        file=sys.stderr,
    )
    sys.exit(2)
print(f"PostgreSQL {version} at {url.rsplit('@', 1)[-1]}")
