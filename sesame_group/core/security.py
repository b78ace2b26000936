"""Security headers on every response, and token redaction in request logs."""

import logging
import re

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'self'; "
    "object-src 'none'; frame-ancestors 'none'"
)
FEED_TOKEN = re.compile(r"/calendar/feeds/[^/\s?]+/")


class RedactFeedTokens(logging.Filter):
    """Rewrites /calendar/feeds/<token>/ as /calendar/feeds/…/ in log records."""

    def filter(self, record):
        if isinstance(record.msg, str):
            record.msg = FEED_TOKEN.sub("/calendar/feeds/…/", record.msg)
        if record.args:
            record.args = tuple(
                FEED_TOKEN.sub("/calendar/feeds/…/", a) if isinstance(a, str) else a
                for a in record.args
            )
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
