"""The three feeds: what each reads (fingerprint inputs) and how it renders (always French)."""

from flask_babel import force_locale
from flask_babel import gettext as _

from sesame_group.calendar import queries, services, sources
from sesame_group.calendar.feeds import FeedSpec
from sesame_group.core.ical import build_calendar


def _host() -> str:
    from flask import current_app

    return current_app.config["SERVER_HOST"]


def public_spec():
    since = services.window_start()

    def build():
        with force_locale("fr"):
            events = queries.public_events(since, sources.PUBLIC_FEED)
            return build_calendar(events, name=_("Sésame — agenda du groupe de suivi"),
                                  feed_uid=f"public-feed@{_host()}")

    inputs = ("public", since.isoformat(), queries.fingerprints(None, sources.PUBLIC_FEED))
    return FeedSpec("public", inputs, build, private=False)


def personal_spec(token):
    user, since = token.user, services.window_start()

    def build():
        with force_locale("fr"):
            events = queries.personal_events(user, since)
            return build_calendar(events, name=_("Sésame — mon agenda"),
                                  feed_uid=f"personal-{user.id}-feed@{_host()}")

    inputs = ("personal", user.id, user.library_id, since.isoformat(),
              queries.fingerprints(user))
    return FeedSpec(f"personal:{token.id}", inputs, build)


def library_spec(token):
    from sesame_group.replacements import queries as plan

    since = services.window_start()
    library = plan.library_with_hours(token.user.library_id)

    def build():
        with force_locale("fr"):
            events = plan.library_events(library, since)
            return build_calendar(
                events, name=_("Sésame — absences : %(library)s", library=library.name),
                feed_uid=f"library-{library.id}-feed@{_host()}")

    inputs = ("library", library.id, since.isoformat(),
              plan.library_fingerprint(library))
    return FeedSpec(f"library:{library.id}", inputs, build)
