"""Demo meetings: a past annual review (minutes, attendance), upcoming ones with answers."""

from datetime import datetime, time, timedelta

from sqlalchemy import insert, select

from sesame_group.accounts.models import User
from sesame_group.core.timeutil import paris_to_utc, paris_today, utcnow
from sesame_group.extensions import db
from sesame_group.meetings import documents
from sesame_group.meetings.models import Invitation, Meeting, MeetingDocument

AGENDA = """1. Accueil et tour de table
2. Bilan de l’année : fréquentation des ressources numériques
3. Formations et actions culturelles de l’an prochain
4. Questions diverses"""
MINUTES = """## Présents

Voir la liste de présence.

## Bilan

- Les consultations de presse en ligne progressent de **18 %**.
- Trois nouvelles bibliothèques ont rejoint le réseau.

## Suites

- Calendrier des formations envoyé en janvier.
- Prochaine réunion de bilan : à l’automne."""
DEMO_LOGINS = ("bibliothecaire@chalais.fr", "bibliothecaire@montbron.fr")


def demo_pdf(text: str) -> bytes:
    """A one-page PDF with one line of (ASCII) text, cross-reference offsets computed."""
    stream = f"BT /F1 14 Tf 72 770 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _at(day, start, end):
    return (paris_to_utc(datetime.combine(day, start)), paris_to_utc(datetime.combine(day, end)))


def _meeting(title, kind, day, hours, **fields):
    starts, ends = _at(day, *hours)
    values = {
        "title": title,
        "kind": kind,
        "starts_at": starts,
        "ends_at": ends,
        "status": "announced",
        "sequence": 0,
        "invite_all": True,
        "place": "Maison départementale des solidarités, 31 boulevard Émile Roux, 16000 Angoulême",
        "online_url": "",
        "agenda": AGENDA,
        "cancel_reason": "",
        "minutes": "",
    }
    values.update(fields)
    return Meeting(**values)


def seed(scale, rng):
    """Idempotent: nothing happens when meetings exist."""
    if db.session.scalar(select(Meeting.id).limit(1)):
        return
    today, now = paris_today(), utcnow()
    coordinator = db.session.scalar(
        select(User.id).where(User.role == "coordinator").order_by(User.id)
    )
    past = _meeting(
        "Réunion de bilan annuel",
        "annual_review",
        today - timedelta(days=45),
        (time(9, 30), time(12, 30)),
        announced_at=now - timedelta(days=120),
        minutes=MINUTES,
        minutes_published_at=now - timedelta(days=40),
        attendance_recorded_at=now - timedelta(days=44),
        created_by_id=coordinator,
    )
    upcoming = _meeting(
        "Réunion de bilan annuel",
        "annual_review",
        today + timedelta(days=60),
        (time(9, 30), time(12, 30)),
        announced_at=now - timedelta(days=5),
        created_by_id=coordinator,
    )
    online = _meeting(
        "Groupe de suivi : préparation des actions culturelles",
        "group",
        today + timedelta(days=20),
        (time(14), time(16)),
        place="",
        online_url="https://visio.lacharente.fr/sesame-groupe",
        announced_at=now - timedelta(days=3),
        created_by_id=coordinator,
    )
    draft = _meeting(
        "Groupe de suivi : évaluation des ressources",
        "group",
        today + timedelta(days=110),
        (time(14), time(16, 30)),
        status="draft",
        created_by_id=coordinator,
    )
    db.session.add_all([past, upcoming, online, draft])
    db.session.flush()
    librarians = db.session.execute(
        select(User.id, User.library_id, User.email)
        .where(User.role == "librarian", User.active.is_(True))
        .order_by(User.id)
    ).all()
    rows = []
    for user_id, library_id, email in librarians:
        demo = email in DEMO_LOGINS
        rows.append(_row(past, user_id, library_id, now, rng, past=True))
        rows.append(_row(upcoming, user_id, library_id, now, rng, unanswered=demo))
        rows.append(_row(online, user_id, library_id, now, rng, unanswered=demo))
    if rows:
        db.session.execute(insert(Invitation), rows)
    pdf = demo_pdf("Compte rendu de la reunion de bilan annuel")
    db.session.add(
        MeetingDocument(
            meeting_id=past.id,
            filename="compte-rendu-bilan.pdf",
            stored_name=documents.store(pdf, "application/pdf"),
            mimetype="application/pdf",
            size=len(pdf),
            uploaded_by_id=coordinator,
            created_at=now,
        )
    )


def _row(meeting, user_id, library_id, now, rng, past=False, unanswered=False):
    response = (
        None
        if unanswered
        else rng.choice(("attending", "attending", "attending", "not_attending", "maybe", None))
    )
    attending = response == "attending"
    needs = attending and rng.random() < 0.4
    return {
        "meeting_id": meeting.id,
        "user_id": user_id,
        "library_id": library_id,
        "response": response,
        "needs_replacement": needs,
        "replacement_note": "Ouverture du samedi matin" if needs else "",
        "comment": "",
        "is_representative": False,
        "revision": 0,
        "responded_at": now - timedelta(days=2) if response else None,
        "attended": (attending and rng.random() < 0.9) if past else None,
    }
