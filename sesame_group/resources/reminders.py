"""Reminders: before a campaign closes, each library that has not finished gets one mail."""

from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from sesame_group.accounts.models import User
from sesame_group.core.audit import record
from sesame_group.core.errors import DomainError
from sesame_group.core.mail import queue_mail
from sesame_group.core.urls import absolute_url
from sesame_group.extensions import db
from sesame_group.resources.models import OPEN, Campaign, Reminder
from sesame_group.resources.queries import unfinished_libraries
from sesame_group.resources.services import lock_campaign

REMINDER_DAYS = 7


def send_reminders(campaign: Campaign, *, today: date, by: User | None = None) -> int:
    """Remind every library that has not evaluated every resource, once per campaign.

    Side effects: one Reminder row per library reminded, one outbox mail per active librarian
    of it; one audit entry when a coordinator asked. Returns the number of libraries reminded.
    """
    lock_campaign(campaign)
    if campaign.phase(today) != OPEN:
        raise DomainError(_("La campagne n’est pas ouverte."))
    libraries = unfinished_libraries(campaign)
    url = absolute_url("resources.campaign", campaign_id=campaign.id)
    for library, done in libraries:
        db.session.add(Reminder(campaign_id=campaign.id, library_id=library.id))
        for member in library.members:
            if member.active and member.role == "librarian":
                queue_mail(
                    member.email,
                    _("Sésame : évaluation des ressources à terminer"),
                    "resources/mail/reminder.txt",
                    language=member.language,
                    campaign=campaign,
                    library=library,
                    done=done,
                    total=len(campaign.resources),
                    member=member,
                    url=url,
                )
    db.session.flush()
    if by is not None:
        record(
            by,
            "resources.campaign_remind",
            campaign,
            f"{campaign.title} : {len(libraries)} bibliothèque(s)",
        )
    return len(libraries)


def send_due_reminders(today: date) -> int:
    """Reminders for every open campaign closing within REMINDER_DAYS days."""
    campaigns = db.session.scalars(
        select(Campaign).where(
            Campaign.closed_at.is_(None),
            Campaign.opens_on <= today,
            Campaign.closes_on >= today,
            Campaign.closes_on <= today + timedelta(days=REMINDER_DAYS),
        )
    ).all()
    return sum(send_reminders(campaign, today=today) for campaign in campaigns)
