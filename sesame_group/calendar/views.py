"""Agenda (list and month grid), subscription links, and the iCal feeds."""

from datetime import date, timedelta

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from sesame_group.calendar import feed_specs, feeds, queries, services, templating
from sesame_group.calendar.forms import AgendaFilterForm, ConfirmForm
from sesame_group.calendar.models import TOKEN_KINDS
from sesame_group.calendar.permissions import (
    can_have_library_feed,
    can_manage_feed_tokens,
    can_view_agenda,
)
from sesame_group.core.errors import DomainError
from sesame_group.core.pagination import Page
from sesame_group.core.permissions import require
from sesame_group.core.security import RedactFeedTokens
from sesame_group.core.timeutil import paris_today, utcnow
from sesame_group.core.urls import absolute_url
from sesame_group.extensions import db

bp = Blueprint("calendar", __name__, url_prefix="/calendar")
FEEDS = ("calendar.public_feed", "calendar.personal_feed", "calendar.library_feed")
PER_PAGE = 30


@bp.record_once
def _setup(state):
    state.app.jinja_env.globals.update(templating.GLOBALS)
    from sesame_group.replacements import templating as replacements

    state.app.jinja_env.globals.update(replacements.GLOBALS)
    # Exceptions are logged with the request path: keep feed tokens out of them too.
    state.app.logger.addFilter(RedactFeedTokens())


@bp.errorhandler(500)
def _server_error(error):
    db.session.rollback()
    if request.endpoint in FEEDS:  # no error page: it would print the path, token included
        return _plain(_l("Erreur du serveur."), 500)
    return render_template("errors/500.html"), 500


def _plain(text, status: int) -> Response:
    """Feeds' own error answers: French, and without reading the session (no Vary: Cookie)."""
    with force_locale("fr"):
        text = str(text)
    response = feeds.FeedResponse(text + "\n", status=status, mimetype="text/plain")
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


# -- Agenda ---------------------------------------------------------------------------------


@bp.get("/")
@login_required
def agenda():
    require(can_view_agenda(current_user))
    form = AgendaFilterForm(request.args)
    filters = form.values()
    now = utcnow()
    events = queries.agenda_events(
        current_user, services.window_start(), filters["kind"], filters["scope"]
    )
    if filters["when"] == "past":
        events = [e for e in reversed(events) if queries.instant(e.end) <= now]
    else:
        events = [e for e in events if queries.instant(e.end) > now]
    number = max(1, request.args.get("page", 1, type=int))
    page = Page(events[(number - 1) * PER_PAGE : number * PER_PAGE], number, PER_PAGE, len(events))
    return render_template("calendar/agenda.html", form=form, page=page, filters=filters)


@bp.get("/month")
@login_required
def month():
    require(can_view_agenda(current_user))
    today = paris_today()
    year = request.args.get("year", today.year, type=int)
    number = request.args.get("month", today.month, type=int)
    if not (2000 <= year <= 2100 and 1 <= number <= 12):
        abort(404)
    form = AgendaFilterForm(request.args)
    filters = form.values()
    weeks = queries.month_weeks(year, number)
    since = queries.instant(weeks[0][0])
    events = queries.agenda_events(current_user, since, filters["kind"], filters["scope"])
    grid = queries.by_day(events, weeks[0][0], weeks[-1][-1])
    previous = date(year, number, 1) - timedelta(days=1)
    following = (
        weeks[-1][-1] + timedelta(days=1)
        if weeks[-1][-1].month != number
        else date(year + number // 12, number % 12 + 1, 1)
    )
    return render_template(
        "calendar/month.html",
        form=form,
        filters=filters,
        weeks=weeks,
        grid=grid,
        year=year,
        month=number,
        today=today,
        first=date(year, number, 1),
        previous=previous,
        following=following,
    )


# -- Subscription links ---------------------------------------------------------------------


def _subscriptions_page(new_kind=None, secret=None):
    response = Response(
        render_template(
            "calendar/subscriptions.html",
            tokens=services.active_tokens(current_user),
            new_kind=new_kind,
            feed_url=_feed_url(new_kind, secret) if secret else None,
            public_url=absolute_url("calendar.public_feed"),
            form=ConfirmForm(),
        )
    )
    response.headers["Cache-Control"] = "no-store"  # a fresh link is on the page, once
    return response


def _feed_url(kind, secret) -> str:
    return absolute_url(f"calendar.{kind}_feed", token=secret)


def _kind_or_404(kind):
    if kind not in TOKEN_KINDS:
        abort(404)
    require(can_manage_feed_tokens(current_user))
    if kind == "library":
        require(can_have_library_feed(current_user))
    return kind


@bp.get("/subscriptions")
@login_required
def subscriptions():
    require(can_manage_feed_tokens(current_user))
    return _subscriptions_page()


@bp.post("/subscriptions/<kind>")
@login_required
def create_token(kind):
    kind = _kind_or_404(kind)
    if services.active_tokens(current_user).get(kind) is not None:
        flash(_("Ce lien existe déjà : régénérez-le pour en obtenir un nouveau."), "warning")
        return redirect(url_for("calendar.subscriptions"))
    return _issue(kind)


def _issue(kind):
    try:
        _token, secret = services.create_token(current_user, kind, by=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for("calendar.subscriptions"))
    db.session.commit()
    return _subscriptions_page(kind, secret)


@bp.route("/subscriptions/<kind>/regenerate", methods=["GET", "POST"])
@login_required
def regenerate(kind):
    kind = _kind_or_404(kind)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("calendar/confirm.html", kind=kind, action="regenerate", form=form)
    return _issue(kind)


@bp.route("/subscriptions/<kind>/revoke", methods=["GET", "POST"])
@login_required
def revoke(kind):
    kind = _kind_or_404(kind)
    token = services.active_tokens(current_user).get(kind)
    if token is None:
        abort(404)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("calendar/confirm.html", kind=kind, action="revoke", form=form)
    services.revoke_token(token, by=current_user)
    db.session.commit()
    flash(
        _(
            "Le lien d’abonnement est révoqué : les abonnements existants ne se mettent "
            "plus à jour."
        ),
        "success",
    )
    return redirect(url_for("calendar.subscriptions"))


# -- Feeds: no session, no current_user, no login redirect (ICAL.md §9) ----------------------


@bp.get("/public.ics")
def public_feed():
    response = feeds.serve(feed_specs.public_spec(), request)
    db.session.commit()
    return response


@bp.get("/feeds/<token>/personal.ics")
def personal_feed(token):
    return _token_feed(token, "personal", feed_specs.personal_spec)


@bp.get("/feeds/<token>/library.ics")
def library_feed(token):
    return _token_feed(token, "library", feed_specs.library_spec)


def _token_feed(secret, kind, spec):
    token = services.find_token(secret, kind)
    if token is None:
        return _plain(_l("Flux introuvable."), 404)
    services.touch_token(token)
    response = feeds.serve(spec(token), request)
    db.session.commit()
    return response
