"""URL helpers."""

from urllib.parse import urlsplit


def safe_next(target: str | None) -> str | None:
    """Accept only a relative path on this site (no scheme, no host, no //)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target:
        return None
    return target


def absolute_url(endpoint: str, **values) -> str:
    """https://<SERVER_HOST>/... for mail and iCal, the same whatever the request host."""
    from flask import current_app

    adapter = current_app.url_map.bind(current_app.config["SERVER_HOST"], url_scheme="https")
    return adapter.build(endpoint, values, force_external=True)
