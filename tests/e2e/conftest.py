"""Browser fixtures: Debian's Chromium, a live server with demo data, logged-in contexts.

The live server is the real app (CSRF on, not in testing mode) on 127.0.0.1 with a port chosen
by the system, served from a thread of the test process. Its database is a fresh SQLite file,
or, when TEST_DATABASE_URL points at PostgreSQL, a temporary database created on that server
and dropped at the end; either way `seed-demo` data fills it. It never shares the database of
the unit tests (which empty every table after each test).

Chromium: /usr/bin/chromium (or CHROMIUM_PATH), never `playwright install`. Without it the
browser tests fail when CI=true and skip elsewhere with the command that installs it.
"""

import os
import shutil
import tempfile
import threading

import pytest
from werkzeug.serving import make_server

from tests.e2e.databases import temporary_database

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
INSTALL_HINT = "apt-get install -y chromium (Debian's package; never `playwright install`)"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "sesame-demo"
ROLES = {
    "anonymous": None,
    "coordinator": "coordination@lacharente.fr",
    "librarian": "bibliothecaire@chalais.fr",
}


SUMMARIES = []  # one line per crawl, printed at the end of the run


def pytest_terminal_summary(terminalreporter):
    for line in SUMMARIES:
        terminalreporter.write_line(line)


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


def missing_tool(message):
    """Fail in CI (a skipped gate is a defect there), skip locally with the hint."""
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        missing_tool(f"{CHROMIUM} not found: {INSTALL_HINT}")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "fr-FR",
        "timezone_id": "Europe/Paris",
        "viewport": {"width": 1280, "height": 800},
    }


def _seeded_app(database_url, instance_path):
    from sesame_group import create_app
    from sesame_group.demo import seed
    from sesame_group.extensions import db

    app = create_app(
        {
            "TESTING": False,
            "DEBUG": False,
            "SECRET_KEY": "e2e-" + os.urandom(16).hex(),
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_PATH": instance_path,
            "WTF_CSRF_ENABLED": True,
            "SESSION_COOKIE_SECURE": False,
            "MAIL_SERVER": None,
            "SERVER_HOST": "127.0.0.1",
        }
    )
    with app.app_context():
        db.create_all()
        seed(1)
        db.session.remove()
    return app


@pytest.fixture(scope="session")
def live_app():
    instance_path = tempfile.mkdtemp(prefix="sesame-e2e-")
    with temporary_database(os.environ.get("TEST_DATABASE_URL"), "sesame_e2e") as url:
        app = _seeded_app(url or f"sqlite:///{instance_path}/e2e.db", instance_path)
        yield app
        with app.app_context():
            from sesame_group.extensions import db

            db.session.remove()
            db.engine.dispose()
    shutil.rmtree(instance_path, ignore_errors=True)


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server


def login(page, base, email, password=DEMO_PASSWORD):
    """Log in through the real form (CSRF token included) and land on the dashboard."""
    page.goto(f"{base}/accounts/login")
    page.get_by_label("Adresse électronique", exact=True).fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{base}/")


@pytest.fixture(scope="session")
def role_states(browser, browser_context_args, live_server, tmp_path_factory):
    """Storage state (session cookie) of each demo role, logged in once per test session."""
    states = {}
    for role, email in ROLES.items():
        if email is None:
            states[role] = None
            continue
        context = browser.new_context(**browser_context_args)
        page = context.new_page()
        login(page, live_server, email)
        path = tmp_path_factory.mktemp("states") / f"{role}.json"
        context.storage_state(path=str(path))
        context.close()
        states[role] = str(path)
    return states
