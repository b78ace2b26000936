"""Settings: defaults, then instance/config.py, then the environment, then test overrides."""

import os

DEV_SECRET = "dev-secret-not-for-production"


class Defaults:
    SECRET_KEY = DEV_SECRET
    SQLALCHEMY_DATABASE_URI = None  # filled in load_config: instance/sesame.db
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    BABEL_DEFAULT_LOCALE = "fr"
    BABEL_DEFAULT_TIMEZONE = "Europe/Paris"
    BABEL_TRANSLATION_DIRECTORIES = "../translations"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_TIME_LIMIT = None
    MAIL_SERVER = None
    MAIL_PORT = 25
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_USE_TLS = False
    MAIL_SENDER = "Sésame <sesame@lacharente.fr>"
    SERVICE_MAILBOX = "sdl@lacharente.fr"
    SERVER_HOST = "sesame.lacharente.fr"
    INVITATION_DAYS = 7
    RESET_HOURS = 2
    LOGIN_ATTEMPTS = 10
    LOGIN_WINDOW_MINUTES = 15
    MEMBERS_PER_PAGE = 25


def load_config(app, test_config=None):
    """Apply the configuration layers in order; nothing is read at import time."""
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    if os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    if os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = normalise_db_url(os.environ["DATABASE_URL"])
    app.config.from_prefixed_env("SESAME")
    if test_config:
        app.config.update(test_config)
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        os.makedirs(app.instance_path, exist_ok=True)
        path = os.path.join(app.instance_path, "sesame.db")
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{path}"
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_db_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if app.debug or app.testing:
        app.config["SESSION_COOKIE_SECURE"] = False
    elif app.config["SECRET_KEY"] == DEV_SECRET:
        raise RuntimeError(
            "SECRET_KEY n'est pas défini : refus de démarrer hors mode debug ou test. "
            "Définissez la variable d'environnement SECRET_KEY (SECRET_KEY is not set)."
        )


def normalise_db_url(url):
    """postgres:// and postgresql:// URLs use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
