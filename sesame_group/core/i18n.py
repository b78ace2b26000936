"""Locale choice: ?lang=, session, profile, Accept-Language, then French."""

from flask import has_request_context, request, session
from flask_login import current_user

LANGUAGES = ("fr", "en")


def select_locale():
    if not has_request_context():  # CLI commands, mail rendering under force_locale, services
        return "fr"
    lang = request.args.get("lang") or session.get("lang")
    if not lang and current_user and current_user.is_authenticated:
        lang = current_user.language
    if lang in LANGUAGES:
        return lang
    return request.accept_languages.best_match(LANGUAGES) or "fr"
