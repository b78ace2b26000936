"""Meeting rules: create, edit, announce, cancel, answer, remind, attendance, minutes."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sesame_group.accounts.models import User
from sesame_group.core.audit import record
from sesame_group.core.errors import DomainError, InvalidTransition
from sesame_group.core.timeutil import utcnow
from sesame_group.extensions import db
from sesame_group.meetings import documents
from sesame_group.meetings.mailing import mail_invitees
from sesame_group.meetings.models import (
    ANNOUNCED,
    ATTENDING,
    CANCELLED,
    DRAFT,
    NOT_ATTENDING,
    RESPONSES,
    Invitation,
    Meeting,
    MeetingDocument,
    MeetingLibrary,
)

VISIBLE_FIELDS = ("title", "starts_at", "ends_at", "place", "online_url", "agenda")


@dataclass
class MeetingData:
    """What the meeting form (or a command, or the demo) gives the services."""

    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    place: str = ""
    online_url: str = ""
    agenda: str = ""
    library_ids: tuple = ()


def _check(data: MeetingData, now: datetime) -> None:
    if data.ends_at <= data.starts_at:
        raise DomainError(_("L’heure de fin doit suivre l’heure de début."), "ends_at")
    if data.starts_at <= now:
        raise DomainError(_("La réunion doit avoir lieu dans le futur."), "day")
    if not data.place and not data.online_url:
        raise DomainError(_("Indiquez un lieu ou un lien de visioconférence."), "place")


def _apply(meeting: Meeting, data: MeetingData) -> None:
    for name in (*VISIBLE_FIELDS, "kind"):
        setattr(meeting, name, getattr(data, name))
    meeting.invite_all = not data.library_ids
    wanted = set(data.library_ids)
    meeting.invited_libraries = [
        row for row in meeting.invited_libraries if row.library_id in wanted
    ]
    present = {row.library_id for row in meeting.invited_libraries}
    meeting.invited_libraries += [MeetingLibrary(library_id=i) for i in sorted(wanted - present)]


def create_meeting(data: MeetingData, *, by: User, now: datetime | None = None) -> Meeting:
    """A draft meeting. Side effects: one audit entry. Raises DomainError on bad times."""
    _check(data, now or utcnow())
    meeting = Meeting(status=DRAFT, sequence=0, created_by_id=by.id, invited_libraries=[])
    _apply(meeting, data)
    db.session.add(meeting)
    db.session.flush()
    record(by, "meeting.create", meeting, meeting.title)
    return meeting


def update_meeting(
    meeting: Meeting, data: MeetingData, *, by: User, now: datetime | None = None
) -> int:
    """Edit a draft or announced meeting; returns the number of mails queued.

    Side effects, when announced and something invitees see changed: sequence + 1, one mail
    per invitee (« nouvelle date » when the times moved) with the .ics; new invited members get
    the invitation. One audit entry. Raises InvalidTransition once cancelled.
    """
    if meeting.status == CANCELLED:
        raise InvalidTransition(_("Une réunion annulée ne peut plus être modifiée."))
    moved = (data.starts_at, data.ends_at) != (meeting.starts_at, meeting.ends_at)
    if moved or meeting.status == DRAFT:
        _check(data, now or utcnow())
    elif data.ends_at <= data.starts_at:
        raise DomainError(_("L’heure de fin doit suivre l’heure de début."), "ends_at")
    changed = any(getattr(meeting, f) != getattr(data, f) for f in VISIBLE_FIELDS)
    _apply(meeting, data)
    db.session.flush()
    record(by, "meeting.update", meeting, meeting.title)
    if meeting.status != ANNOUNCED:
        return 0
    sent = 0
    if changed:
        meeting.sequence += 1
        db.session.flush()
        sent += mail_invitees(meeting, _invitations(meeting), "rescheduled" if moved else "changed")
    return sent + mail_invitees(meeting, _sync_invitations(meeting), "announced")


def _invitations(meeting: Meeting) -> list[Invitation]:
    query = (
        select(Invitation)
        .where(Invitation.meeting_id == meeting.id)
        .options(selectinload(Invitation.user))
        .order_by(Invitation.id)
    )
    return list(db.session.scalars(query))


def _sync_invitations(meeting: Meeting) -> list[Invitation]:
    """Invite every active librarian of the invited libraries not invited yet."""
    query = select(User).where(
        User.role == "librarian",
        User.active.is_(True),
        ~User.id.in_(select(Invitation.user_id).where(Invitation.meeting_id == meeting.id)),
    )
    if not meeting.invite_all:
        query = query.where(
            User.library_id.in_(
                select(MeetingLibrary.library_id).where(MeetingLibrary.meeting_id == meeting.id)
            )
        )
    created = [
        Invitation(
            meeting_id=meeting.id,
            user=user,
            library_id=user.library_id,
            revision=0,
            needs_replacement=False,
            is_representative=False,
            replacement_note="",
            comment="",
        )
        for user in db.session.scalars(query.order_by(User.id))
    ]
    db.session.add_all(created)
    db.session.flush()
    return created


def short_notice(meeting: Meeting, now: datetime, min_days: int) -> bool:
    """An annual review announced less than `min_days` before it starts."""
    return meeting.kind == "annual_review" and meeting.starts_at - now < timedelta(days=min_days)


def announce_meeting(meeting: Meeting, *, by: User, now: datetime | None = None) -> int:
    """Draft → announced; invites members and mails each the date, agenda and .ics.

    Returns the number of invitations. Side effects: invitation rows, mails, one audit entry.
    Raises InvalidTransition unless a future draft.
    """
    now = now or utcnow()
    if meeting.status != DRAFT:
        raise InvalidTransition(_("Seul un brouillon peut être annoncé."))
    if meeting.starts_at <= now:
        raise InvalidTransition(_("La réunion est déjà passée : modifiez d’abord sa date."))
    meeting.status, meeting.announced_at = ANNOUNCED, now
    db.session.flush()
    created = _sync_invitations(meeting)
    mail_invitees(meeting, created, "announced")
    record(by, "meeting.announce", meeting, _("%(num)d invitation(s)", num=len(created)))
    return len(created)


def cancel_meeting(meeting: Meeting, *, by: User, reason: str, now: datetime | None = None) -> int:
    """Cancel (nothing deleted); announced: sequence + 1 and one mail per invitee with .ics.

    Returns the number of mails. Raises InvalidTransition when cancelled or already started.
    """
    now = now or utcnow()
    if meeting.status == CANCELLED:
        raise InvalidTransition(_("La réunion est déjà annulée."))
    if meeting.starts_at <= now:
        raise InvalidTransition(_("Une réunion commencée ne peut plus être annulée."))
    was_announced = meeting.status == ANNOUNCED
    meeting.status, meeting.cancelled_at, meeting.cancel_reason = CANCELLED, now, reason
    sent = 0
    if was_announced:
        meeting.sequence += 1
        db.session.flush()
        sent = mail_invitees(meeting, _invitations(meeting), "cancelled", reason=reason)
    db.session.flush()
    record(by, "meeting.cancel", meeting, reason)
    return sent


def answer_invitation(
    invitation: Invitation,
    *,
    response: str,
    needs_replacement: bool,
    replacement_note: str,
    comment: str,
    representative: bool,
    now: datetime | None = None,
) -> None:
    """Record or change a member's answer until the meeting starts.

    Side effects: the invitation's revision + 1 when the answer changes (personal feed
    SEQUENCE); naming oneself representative unsets the library's previous one.
    Raises DomainError when the meeting is not open for answers.
    """
    now = now or utcnow()
    meeting = invitation.meeting
    if meeting.status != ANNOUNCED:
        raise InvalidTransition(_("Cette réunion n’attend pas de réponse."))
    if meeting.starts_at <= now:
        raise InvalidTransition(_("La réunion a commencé : les réponses sont closes."))
    if response not in RESPONSES:
        raise DomainError(_("Choisissez une réponse."), "response")
    attending = response == ATTENDING
    if needs_replacement and not attending:
        raise DomainError(
            _("Un remplacement ne se demande que si vous participez."), "needs_replacement"
        )
    new = (response, needs_replacement, replacement_note if needs_replacement else "")
    if new != (invitation.response, invitation.needs_replacement, invitation.replacement_note):
        invitation.revision += 1
    invitation.response, invitation.needs_replacement, invitation.replacement_note = new
    invitation.comment, invitation.responded_at = comment, now
    if representative and response != NOT_ATTENDING:
        _make_representative(invitation)
    elif invitation.is_representative and not representative or response == NOT_ATTENDING:
        invitation.is_representative = False
    db.session.flush()


def _make_representative(invitation: Invitation) -> None:
    """One representative per library: lock the library's invitations (id order), then set."""
    colleagues = (
        select(Invitation)
        .where(
            Invitation.meeting_id == invitation.meeting_id,
            Invitation.library_id == invitation.library_id,
        )
        .order_by(Invitation.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    for other in db.session.scalars(colleagues).all():
        other.is_representative = other.id == invitation.id


def remind_unanswered(meeting: Meeting, *, by: User, now: datetime | None = None) -> int:
    """Mail the invitees who have not answered (only them); returns how many."""
    now = now or utcnow()
    if meeting.status != ANNOUNCED or meeting.starts_at <= now:
        raise InvalidTransition(_("Les relances ne concernent que les réunions à venir."))
    pending = [inv for inv in _invitations(meeting) if inv.response is None]
    for invitation in pending:
        invitation.reminded_at = now
    sent = mail_invitees(meeting, pending, "nudge")
    record(by, "meeting.remind", meeting, _("%(num)d relance(s)", num=sent))
    return sent


def send_due_reminders(days: int, now: datetime | None = None) -> int:
    """Once per meeting, `days` before it: remind invitees who have not declined.

    Returns the number of mails queued; the caller commits.
    """
    now = now or utcnow()
    due = select(Meeting).where(
        Meeting.status == ANNOUNCED,
        Meeting.reminder_sent_at.is_(None),
        Meeting.starts_at > now,
        Meeting.starts_at <= now + timedelta(days=days),
    )
    sent = 0
    for meeting in db.session.scalars(due.order_by(Meeting.id)).all():
        meeting.reminder_sent_at = now
        invitees = [i for i in _invitations(meeting) if i.response != NOT_ATTENDING]
        sent += mail_invitees(meeting, invitees, "reminder")
    db.session.flush()
    return sent


def record_attendance(
    meeting: Meeting, present_ids: set[int], *, by: User, now: datetime | None = None
) -> None:
    """Mark every invitation present or absent. Raises DomainError on foreign ids."""
    now = now or utcnow()
    if meeting.status != ANNOUNCED or meeting.starts_at > now:
        raise InvalidTransition(_("La présence se saisit une fois la réunion commencée."))
    invitations = _invitations(meeting)
    if not present_ids <= {inv.id for inv in invitations}:
        raise DomainError(_("Une personne cochée n’est pas invitée à cette réunion."), "present")
    for invitation in invitations:
        invitation.attended = invitation.id in present_ids
    meeting.attendance_recorded_at = now
    db.session.flush()
    record(by, "meeting.attendance", meeting, _("%(num)d présent(s)", num=len(present_ids)))


def save_minutes(
    meeting: Meeting, text: str, *, publish: bool, by: User, now: datetime | None = None
) -> int:
    """Save the minutes; the first publication mails every invitee. Returns mails queued."""
    now = now or utcnow()
    if meeting.status != ANNOUNCED or meeting.starts_at > now:
        raise InvalidTransition(_("Le compte rendu s’écrit une fois la réunion commencée."))
    if publish and not text.strip():
        raise DomainError(_("Le compte rendu est vide."), "minutes")
    meeting.minutes = text
    sent = 0
    if publish and meeting.minutes_published_at is None:
        meeting.minutes_published_at = now
        sent = mail_invitees(meeting, _invitations(meeting), "minutes")
    db.session.flush()
    action = "meeting.minutes_publish" if publish else "meeting.minutes"
    record(by, action, meeting, meeting.title)
    return sent


def add_document(
    meeting: Meeting, filename: str, data: bytes, *, by: User, now: datetime | None = None
) -> MeetingDocument:
    """Check the type from the content, store the file, add the row; one audit entry."""
    if meeting.status == DRAFT:
        raise InvalidTransition(_("Annoncez la réunion avant d’y joindre des documents."))
    mimetype = documents.check(data)
    document = MeetingDocument(
        meeting=meeting,
        mimetype=mimetype,
        size=len(data),
        filename=documents.safe_filename(filename, mimetype),
        stored_name=documents.store(data, mimetype),
        uploaded_by_id=by.id,
        created_at=now or utcnow(),
    )
    db.session.add(document)
    db.session.flush()
    record(by, "meeting.document", meeting, document.filename)
    return document
