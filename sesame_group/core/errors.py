"""Domain errors and the French error pages."""

from flask import current_app, render_template
from sqlalchemy.exc import SQLAlchemyError

from sesame_group.extensions import db


class DomainError(Exception):
    """A business rule refused the action; `message` is already translated."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(DomainError):
    pass


class InvalidTransition(DomainError):
    pass


def register_error_handlers(app):
    def page(code):
        def handler(error):
            return _render_error(code), code

        return handler

    for code in (400, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(code, page(code))

    from flask_wtf.csrf import CSRFError

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return _render_error(400, csrf=True), 400


def _render_error(code, **context):
    """The French error page; a bare one when the page itself fails (database down)."""
    try:
        db.session.rollback()
        return render_template(f"errors/{code}.html", **context)
    except SQLAlchemyError:
        db.session.remove()
        # Straight from the Jinja environment: context processors would load current_user.
        return current_app.jinja_env.get_template("errors/bare.html").render(code=code)
