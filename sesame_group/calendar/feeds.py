"""Serving a feed: fingerprint of the inputs -> cached bytes or a 304 without rebuilding;
ETag of the exact bytes; Last-Modified from feed_states, never backwards (ICAL.md §9)."""

import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from flask import Response, current_app
from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from werkzeug.datastructures import HeaderSet
from werkzeug.http import is_resource_modified

from sesame_group.calendar.models import FeedState
from sesame_group.core.timeutil import utcnow
from sesame_group.extensions import db

CACHE_SIZE = 512  # feeds kept in memory per process (bytes keyed by fingerprint)
# A popular feed (the public one) is asked for many times a minute: its fingerprint is
# trusted for this many seconds per process. Calendar clients poll every 5 min to 24 h.
DEFAULT_FINGERPRINT_TTL = 5


class FeedResponse(Response):
    """A feed's bytes depend on its URL only. Flask 3.1 adds « Vary: Cookie » whenever
    anything touches the session proxy (Flask-Login's after_request always does), which would
    keep the public feed out of shared caches: feeds ignore that one header."""

    @property
    def vary(self) -> HeaderSet:
        return HeaderSet()  # detached: additions are dropped


@dataclass(frozen=True)
class FeedSpec:
    key: str  # feed_states key from row ids: public, personal:<token id>, library:<id>
    inputs: Callable[[], tuple]  # cheap values that change whenever the output could change
    build: Callable[[], bytes]  # renders the whole VCALENDAR
    private: bool = True


@dataclass(frozen=True)
class Served:
    etag: str
    changed_at: object


def digest(inputs: tuple) -> str:
    return hashlib.sha256(repr(inputs).encode("utf-8")).hexdigest()


def _cache() -> OrderedDict:
    return current_app.extensions.setdefault("calendar_feed_cache", OrderedDict())


def _recent() -> dict:
    return current_app.extensions.setdefault("calendar_feed_fingerprints", {})


def clear_cache() -> None:
    _cache().clear()
    _recent().clear()


def fingerprint_of(spec: FeedSpec) -> str:
    """Digest of the spec's inputs, reused for CALENDAR_FINGERPRINT_TTL seconds."""
    ttl = current_app.config.get("CALENDAR_FINGERPRINT_TTL", DEFAULT_FINGERPRINT_TTL)
    now = time.monotonic()
    recent = _recent().get(spec.key)
    if ttl and recent and recent[0] > now:
        return recent[1]
    value = digest(spec.inputs())
    if ttl:
        if len(_recent()) >= CACHE_SIZE:
            _recent().clear()
        _recent()[spec.key] = (now + ttl, value)
    return value


def serve(spec: FeedSpec, request) -> Response:
    """The feed response for `request` (GET or HEAD); flushes feed_states, the caller commits."""
    fingerprint = fingerprint_of(spec)
    cache = _cache()
    cached = cache.get(spec.key)
    if cached and cached[0] == fingerprint:  # same inputs as when these bytes were stored
        cache.move_to_end(spec.key)
        return _response(cached[2], cached[3], spec, request)
    state = db.session.get(FeedState, spec.key)
    if state is not None and state.fingerprint == fingerprint:
        served = Served(state.etag, state.changed_at)
        if not is_resource_modified(
            request.environ, etag=state.etag, last_modified=state.changed_at
        ):
            return _response(b"", served, spec, request)  # 304 without building
    body = spec.build()
    etag = hashlib.sha256(body).hexdigest()
    served = _save_state(spec.key, etag, fingerprint, state)
    cache[spec.key] = (fingerprint, etag, body, served)
    cache.move_to_end(spec.key)
    while len(cache) > CACHE_SIZE:
        cache.popitem(last=False)
    return _response(body, served, spec, request)


def _save_state(key, etag, fingerprint, state) -> Served:
    """Upsert the state: a new ETag moves changed_at forward (never back), safe when
    concurrent requests render the same change."""
    if state is not None and state.etag == etag:
        if state.fingerprint != fingerprint:
            state.fingerprint = fingerprint
            db.session.flush()
        return Served(etag, state.changed_at)
    changed_at = utcnow() if state is None else max(utcnow(), state.changed_at)
    dialect = db.session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    latest = func.greatest if dialect == "postgresql" else func.max
    table = FeedState.__table__
    insert = module.insert(table).values(
        feed_key=key, etag=etag, fingerprint=fingerprint, changed_at=changed_at
    )
    insert = insert.on_conflict_do_update(
        index_elements=[table.c.feed_key],
        set_={
            "etag": insert.excluded.etag,
            "fingerprint": insert.excluded.fingerprint,
            "changed_at": latest(table.c.changed_at, insert.excluded.changed_at),
        },
    )
    db.session.execute(insert)
    if state is not None:
        db.session.expire(state)
    return Served(etag, changed_at)


def _response(body: bytes, served: Served, spec: FeedSpec, request) -> Response:
    response = FeedResponse(body, mimetype="text/calendar")
    response.set_etag(served.etag)
    response.last_modified = served.changed_at
    if spec.private:
        response.cache_control.private = True
    else:
        response.cache_control.public = True
    response.cache_control.no_cache = True
    response.headers["Referrer-Policy"] = "no-referrer"
    return response.make_conditional(request)
