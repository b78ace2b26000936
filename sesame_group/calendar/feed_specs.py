"""The three feeds: what each reads (fingerprint inputs) and how it renders (always French)."""

from flask_babel import force_locale
from flask_babel import gettext as _

from sesame_group.calendar import queries, services, sources
from sesame_group.calendar.feeds import FeedSpec
from sesame_group.core.ical import build_calendar
from sesame_group.replacements import queries as plan


def _host() -> str:
    from flask import current_app

    return current_app.config["SERVER_HOST"]


def public_spec():
    since = services.window_start()

    def build():
        with force_locale("fr"):
            events = queries.public_events(since, sources.PUBLIC_FEED)
            return build_calendar(
                events,
                name=_("Sésame — agenda du groupe de suivi"),
                feed_uid=f"public-feed@{_host()}",
            )

    def inputs():
        return ("public", since.isoformat(), queries.fingerprints(None, sources.PUBLIC_FEED))

    return FeedSpec("public", inputs, build, private=False)


def personal_spec(token):
    user, since = token.user, services.window_start()

    def build():
        with force_locale("fr"):
            events = queries.personal_events(user, since)
            return build_calendar(
                events, name=_("Sésame — mon agenda"), feed_uid=f"personal-{user.id}-feed@{_host()}"
            )

    def inputs():
        return ("personal", user.id, user.library_id, since.isoformat(), queries.fingerprints(user))

    return FeedSpec(f"personal:{token.id}", inputs, build)


def library_spec(token):
    since, library_id = services.window_start(), token.user.library_id
    loaded = []

    def library():
        """Loaded once, and only when the fingerprint or the build needs it."""
        if not loaded:
            loaded.append(plan.library_with_hours(library_id))
        return loaded[0]

    def build():
        with force_locale("fr"):
            events = plan.library_events(library(), since)
            return build_calendar(
                events,
                name=_("Sésame — absences : %(library)s", library=library().name),
                feed_uid=f"library-{library_id}-feed@{_host()}",
            )

    def inputs():
        return ("library", library_id, since.isoformat(), plan.library_fingerprint(library()))

    return FeedSpec(f"library:{library_id}", inputs, build)
