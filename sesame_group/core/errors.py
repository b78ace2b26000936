"""Domain errors and the French error pages."""

from flask import render_template

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
            db.session.rollback()
            return render_template(f"errors/{code}.html"), code

        return handler

    for code in (400, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(code, page(code))

    from flask_wtf.csrf import CSRFError

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        db.session.rollback()
        return render_template("errors/400.html", csrf=True), 400
