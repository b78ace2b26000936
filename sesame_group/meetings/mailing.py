"""Mail to invitees, each in their language, with the meeting's .ics attached."""

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from sesame_group.core.ical import single_event_ics
from sesame_group.core.mail import queue_mail
from sesame_group.core.timeutil import to_paris
from sesame_group.core.urls import absolute_url
from sesame_group.meetings.agenda import meeting_event

SUBJECTS = {
    "announced": _l("Invitation : %(title)s"),
    "changed": _l("Modification : %(title)s"),
    "rescheduled": _l("Nouvelle date : %(title)s"),
    "cancelled": _l("Annulation : %(title)s"),
    "reminder": _l("Rappel : %(title)s"),
    "nudge": _l("Votre réponse est attendue : %(title)s"),
    "minutes": _l("Compte rendu publié : %(title)s"),
}
WITH_ICS = {"announced", "changed", "rescheduled", "cancelled", "reminder", "nudge"}


def ics_filename(meeting) -> str:
    return f"reunion-{to_paris(meeting.starts_at).date().isoformat()}.ics"


def mail_invitees(meeting, invitations, kind: str, **extra) -> int:
    """Queue one `meetings/mail/<kind>.txt` per active invitee; returns how many.

    Side effects: OutboxMessage rows (sent after the caller commits). Flushes only.
    """
    count = 0
    url = absolute_url("meetings.detail", meeting_id=meeting.id)
    agenda = meeting.agenda.strip()  # Markdown reads well as plain text (numbered lists kept)
    for invitation in invitations:
        user = invitation.user
        if not user.active:
            continue
        language = user.language or "fr"
        with force_locale(language):
            subject = str(SUBJECTS[kind]) % {"title": meeting.title}
        attachment = None
        if kind in WITH_ICS:
            ics = single_event_ics(meeting_event(meeting, invitation))
            attachment = (ics_filename(meeting), "text/calendar", ics)
        queue_mail(
            user.email,
            subject,
            f"meetings/mail/{kind}.txt",
            language=language,
            attachment=attachment,
            meeting=meeting,
            invitation=invitation,
            user=user,
            url=url,
            agenda=agenda,
            **extra,
        )
        count += 1
    return count
