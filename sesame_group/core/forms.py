"""Form helpers shared by every domain."""

from wtforms.validators import ValidationError


def no_html(form, field):
    """Refuse angle brackets in plain-text fields (names, titles)."""
    from flask_babel import lazy_gettext as _l

    if field.data and ("<" in field.data or ">" in field.data):
        raise ValidationError(str(_l("Les caractères < et > ne sont pas autorisés.")))


def strip_filter(value):
    return value.strip() if isinstance(value, str) else value
