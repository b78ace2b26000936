"""Mail to registrants (queued in the caller's transaction), each with the session's .ics."""

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sesame_group.core.mail import queue_mail
from sesame_group.core.urls import absolute_url
from sesame_group.extensions import db
from sesame_group.trainings.models import CONFIRMED, WAITING, Registration


def _attachment(session, reg):
    from sesame_group.trainings.agenda import session_ics

    first = session.first_day
    name = f"formation-{first.isoformat()}.ics" if first else "formation.ics"
    return (name, "text/calendar", session_ics(session, reg))


def _send(session, reg, user, subject, template, **context):
    with force_locale(user.language or "fr"):
        subject_text = subject()
    queue_mail(
        user.email,
        subject_text,
        f"trainings/mail/{template}.txt",
        language=user.language,
        attachment=_attachment(session, reg),
        training=session,
        registration=reg,
        user=user,
        url=absolute_url("trainings.detail", session_id=session.id),
        **context,
    )


def registered(session, reg, user):
    if reg.status == CONFIRMED:
        subject = lambda: _("Inscription confirmée : %(title)s", title=session.title)  # noqa: E731
    else:
        subject = lambda: _("Liste d’attente : %(title)s", title=session.title)  # noqa: E731
    _send(session, reg, user, subject, "registered")


def promoted(session, reg):
    _send(
        session,
        reg,
        reg.user,
        lambda: _("Une place s’est libérée : %(title)s", title=session.title),
        "promoted",
    )


def reminder(session, reg, day):
    _send(
        session,
        reg,
        reg.user,
        lambda: _("Rappel : %(title)s", title=session.title),
        "reminder",
        day=day,
    )


def session_changed(session, what: str, cancelled: bool = False):
    """Every active registrant gets the change and the updated .ics (2 queries)."""
    regs = db.session.scalars(
        select(Registration)
        .where(Registration.session_id == session.id, Registration.status.in_((CONFIRMED, WAITING)))
        .options(selectinload(Registration.user))
        .order_by(Registration.queue_number)
    ).all()
    for reg in regs:
        if cancelled:
            subject = lambda: _("Formation annulée : %(title)s", title=session.title)  # noqa: E731
        else:
            subject = lambda: _("Formation modifiée : %(title)s", title=session.title)  # noqa: E731
        _send(session, reg, reg.user, subject, "changed", what=what, cancelled=cancelled)
