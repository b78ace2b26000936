"""Feed benchmark: build time and requests per second at seed-demo scale 1 and 50.

    .venv/bin/python bench/feeds.py [--scales 1,50] [--seconds 3]

For each scale: a fresh SQLite database in a temporary folder, `seed-demo --scale N`, one
demo librarian's personal and library links. Then:
- build time of each feed in-process (fingerprint not consulted: the whole VCALENDAR);
- requests per second against a real HTTP server (Werkzeug, one process, keep-alive, one
  client) for a bare Flask route, each feed served from the cache (200) and revalidated (304).
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
LIBRARIAN = "bibliothecaire@chalais.fr"


def make_app(database_url, ttl=None):
    from sesame_group import create_app

    config = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": "bench-secret",
        "SERVER_HOST": "sesame.test",
        "MAIL_SERVER": None,
    }
    if ttl is not None:
        config["CALENDAR_FINGERPRINT_TTL"] = ttl
    app = create_app(config)

    @app.get("/bench/bare")
    def bare():
        return "ok"

    return app


def prepare(database_url, scale):
    """Schema, demo data, two links; returns (seconds to seed, {feed: url path}, builds)."""
    from sqlalchemy import select

    from sesame_group.accounts.models import User
    from sesame_group.calendar import feed_specs, services
    from sesame_group.demo import seed
    from sesame_group.extensions import db

    app = make_app(database_url)
    with app.app_context():
        db.create_all()
        started = time.perf_counter()
        seed(scale)
        seeded = time.perf_counter() - started
        user = db.session.scalar(select(User).where(User.email == LIBRARIAN))
        personal, personal_secret = services.create_token(user, "personal", by=user)
        library, library_secret = services.create_token(user, "library", by=user)
        db.session.commit()
        paths = {
            "public": "/calendar/public.ics",
            "personal": f"/calendar/feeds/{personal_secret}/personal.ics",
            "library": f"/calendar/feeds/{library_secret}/library.ics",
        }
        builds = {}
        with app.test_request_context():
            specs = {
                "public": feed_specs.public_spec,
                "personal": lambda: feed_specs.personal_spec(personal),
                "library": lambda: feed_specs.library_spec(library),
            }
            for name, make in specs.items():
                times, body = [], b""
                for _ in range(5):
                    started = time.perf_counter()
                    body = make().build()
                    times.append(time.perf_counter() - started)
                builds[name] = (statistics.median(times), body.count(b"BEGIN:VEVENT"), len(body))
    return seeded, paths, builds


def serve(database_url, port, ttl):
    import logging

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app = make_app(database_url, ttl)
    make_server("127.0.0.1", port, app, threaded=True).serve_forever()


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(port):
    for _ in range(600):  # up to a minute on a busy machine
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def rate(port, path, seconds, headers=None):
    """Requests per second over one keep-alive connection; (rate, last status)."""
    conn = http.client.HTTPConnection("127.0.0.1", port)
    count, status, end = 0, None, time.perf_counter() + seconds
    while time.perf_counter() < end:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        response.read()
        status = response.status
        count += 1
    conn.close()
    return count / seconds, status


def bench(scale, seconds):
    folder = tempfile.mkdtemp(prefix=f"sesame-bench-{scale}-")
    database_url = f"sqlite:///{folder}/bench.db"
    seeded, paths, builds = prepare(database_url, scale)
    print(f"\n== seed-demo --scale {scale} (seeded in {seeded:.1f} s) ==")
    print(f"{'feed':10} {'events':>7} {'bytes':>9} {'build ms':>9}")
    for name, (elapsed, events, size) in builds.items():
        print(f"{name:10} {events:7d} {size:9d} {elapsed * 1000:9.1f}")
    for ttl, label in (
        (None, "fingerprint trusted 5 s (default)"),
        (0, "fingerprint checked on every request"),
    ):
        port = _free_port()
        command = [sys.executable, __file__, "--serve", database_url, str(port), str(ttl or 0)]
        if ttl is None:
            command.pop()
        server = subprocess.Popen(command)  # noqa: S603 - our own script
        try:
            _wait(port)
            _rates(port, paths, seconds, label)
        finally:
            server.terminate()
            server.wait(10)


def _rates(port, paths, seconds, label):
    print(f"\n{label}\n{'route':28} {'status':>6} {'req/s':>8}")
    bare, status = rate(port, "/bench/bare", seconds)
    print(f"{'bare Flask route':28} {status:6d} {bare:8.0f}")
    for name, path in paths.items():
        rate(port, path, 0.2)  # first request builds and caches
        conn = http.client.HTTPConnection("127.0.0.1", port)
        conn.request("GET", path)
        etag = conn.getresponse().getheader("ETag")
        conn.close()
        for suffix, headers in (("200, cached bytes", {}), ("304", {"If-None-Match": etag})):
            value, status = rate(port, path, seconds, headers)
            print(
                f"{name + ' (' + suffix + ')':28} {status:6d} {value:8.0f}   "
                f"{value / bare:5.0%} of bare"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,50")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--serve", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        ttl = int(args.serve[2]) if len(args.serve) > 2 else None
        serve(args.serve[0], int(args.serve[1]), ttl)
        return
    print("Sésame feed benchmark — Werkzeug server, one process, one keep-alive client")
    for scale in (int(s) for s in args.scales.split(",")):
        bench(scale, args.seconds)


if __name__ == "__main__":
    main()
