"""Sésame follow-up group platform: the application factory."""

from flask import Flask
from werkzeug.routing import IntegerConverter

from sesame_group.config import load_config


def create_app(test_config=None):
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="../static",
        instance_path=_instance_path(test_config),
    )
    load_config(app, test_config)
    app.url_map.converters["int"] = DatabaseInteger
    init_extensions(app)
    register_blueprints(app)
    register_commands(app)
    register_template_helpers(app)
    from sesame_group.core.errors import register_error_handlers

    register_error_handlers(app)
    return app


class DatabaseInteger(IntegerConverter):
    """<int:id> stops at the database's 32-bit integers: a larger id is a 404, not a 500."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2147483647)
        super().__init__(map, *args, **kwargs)


def _instance_path(test_config):
    import os

    if test_config and test_config.get("INSTANCE_PATH"):
        return test_config["INSTANCE_PATH"]
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "instance")


def init_extensions(app):
    from sesame_group.core.database import configure_sqlite
    from sesame_group.core.i18n import select_locale
    from sesame_group.core.mail import init_mail
    from sesame_group.core.security import init_security
    from sesame_group.extensions import babel, csrf, db, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=_migrations_dir())
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    # Flask-Babel caches the locale on `g`; an app context shared by several requests (tests,
    # CLI) must not keep the previous request's language.
    from flask_babel import refresh

    app.before_request(refresh)
    login_manager.init_app(app)
    from sesame_group.accounts.services import load_user

    login_manager.user_loader(load_user)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None
    with app.app_context():
        configure_sqlite(db.engine)
    init_mail(app)
    init_security(app)


def _migrations_dir():
    import os

    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "migrations")


DOMAINS = (
    "accounts",
    "network",
    "trainings",
    "meetings",
    "calendar",
    "replacements",
    "resources",
    "actions",
    "conventions",
)


def import_models():
    """Every domain's models, so that metadata (create_all, Alembic) sees every table."""
    from importlib import import_module
    from importlib.util import find_spec

    for domain in ("core", *DOMAINS):
        for module in ("models", "audit", "mail"):
            name = f"sesame_group.{domain}.{module}"
            if find_spec(name):
                import_module(name)


def register_blueprints(app):
    import_models()
    from sesame_group.accounts.views import bp as accounts
    from sesame_group.actions.views import bp as actions
    from sesame_group.calendar.views import bp as calendar
    from sesame_group.conventions.views import bp as conventions
    from sesame_group.core.views import bp as core
    from sesame_group.dashboard.views import bp as dashboard
    from sesame_group.meetings.views import bp as meetings
    from sesame_group.network.views import bp as network
    from sesame_group.replacements.views import bp as replacements
    from sesame_group.resources.views import bp as resources
    from sesame_group.trainings.views import bp as trainings

    for blueprint in (
        core,
        dashboard,
        accounts,
        network,
        trainings,
        meetings,
        calendar,
        replacements,
        resources,
        actions,
        conventions,
    ):
        app.register_blueprint(blueprint)


def register_commands(app):
    from importlib import import_module

    from sesame_group.accounts.commands import create_user
    from sesame_group.core.commands import send_mail
    from sesame_group.demo import seed_demo

    for command in (create_user, send_mail, seed_demo):
        app.cli.add_command(command)
    for domain in DOMAINS[2:]:
        for command in import_module(f"sesame_group.{domain}.commands").COMMANDS:
            app.cli.add_command(command)


def register_template_helpers(app):
    from importlib import import_module
    from importlib.util import find_spec

    from sesame_group.core.dates import FILTERS
    from sesame_group.core.markdown import render_markdown
    from sesame_group.core.navigation import GLOBALS
    from sesame_group.core.numbers import GLOBALS as NUMBERS
    from sesame_group.core.permissions import PREDICATES

    app.jinja_env.filters.update(FILTERS)
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.globals.update(GLOBALS)
    app.jinja_env.globals.update(PREDICATES)
    app.jinja_env.globals.update(NUMBERS)
    app.jinja_env.filters.update(NUMBERS)
    # Every permission predicate is a Jinja global: templates show what the views allow.
    for domain in DOMAINS:
        app.jinja_env.globals.update(import_module(f"sesame_group.{domain}.permissions").PREDICATES)
        # Optional <domain>/templating.py: GLOBALS and FILTERS of that domain's templates.
        if find_spec(f"sesame_group.{domain}.templating"):
            helpers = import_module(f"sesame_group.{domain}.templating")
            app.jinja_env.globals.update(getattr(helpers, "GLOBALS", {}))
            app.jinja_env.filters.update(getattr(helpers, "FILTERS", {}))
