"""Security headers on every response, and token redaction in request logs."""

import logging
import re
from collections.abc import Mapping

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'self'; "
    "object-src 'none'; frame-ancestors 'none'"
)
FEED_TOKEN = re.compile(r"/calendar/feeds/[^/\s?]+/")
PASSWORD_TOKEN = re.compile(r"/accounts/mot-de-passe/[^/\s?\"]+")


def redact(text: str) -> str:
    """Secret tokens of feed and set-password URLs replaced by « … »."""
    text = FEED_TOKEN.sub("/calendar/feeds/…/", text)
    return PASSWORD_TOKEN.sub("/accounts/mot-de-passe/…", text)


class RedactFeedTokens(logging.Filter):
    """Rewrites /calendar/feeds/<token>/ and set-password links in log records."""

    def filter(self, record):
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, Mapping):  # gunicorn's access log passes a dict of atoms
            record.args = {
                k: redact(v) if isinstance(v, str) else v for k, v in record.args.items()
            }
        return True


def init_security(app):
    for name in ("werkzeug", "gunicorn.access", "gunicorn.error"):
        logging.getLogger(name).addFilter(RedactFeedTokens())

    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response
