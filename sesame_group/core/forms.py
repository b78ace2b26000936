"""Form helpers shared by every domain."""

from wtforms.validators import ValidationError


def no_html(form, field):
    """Refuse angle brackets in plain-text fields (names, titles)."""
    from flask_babel import lazy_gettext as _l

    if field.data and ("<" in field.data or ">" in field.data):
        raise ValidationError(str(_l("Les caractères < et > ne sont pas autorisés.")))


def strip_filter(value):
    return value.strip() if isinstance(value, str) else value


def show_domain_error(form, error, *, fallback: str = "form") -> None:
    """A service refused the change: roll back, put its message next to its field, else on
    the form (fallback="form") or in a flash message (fallback="flash", or no form)."""
    from flask import flash

    from sesame_group.extensions import db

    db.session.rollback()
    field = getattr(form, error.field, None) if (form is not None and error.field) else None
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, error.message]
    elif fallback == "form" and form is not None:
        form.form_errors.append(error.message)
    else:
        flash(error.message, "error")


def apply_service(form, service, *args, fallback: str = "form", **kwargs):
    """service(*args, by=current_user, **kwargs), then commit; returns its result (True when
    it returns nothing truthy). On a DomainError: show_domain_error, return None."""
    from flask_login import current_user

    from sesame_group.core.errors import DomainError
    from sesame_group.extensions import db

    try:
        result = service(*args, by=current_user, **kwargs)
    except DomainError as error:
        show_domain_error(form, error, fallback=fallback)
        return None
    db.session.commit()
    return result or True
