"""Dashboard panel for resources: open campaigns with my library's progress, or participation."""

from sqlalchemy import func, select

from sesame_group.core.timeutil import paris_today
from sesame_group.extensions import db
from sesame_group.resources import queries
from sesame_group.resources.models import Evaluation
from sesame_group.resources.permissions import can_evaluate, can_manage_resources
from sesame_group.resources.results import participation


def panel(user):
    """(template, context) for the home page, or None."""
    campaigns = queries.current_campaigns(paris_today())
    if can_manage_resources(user):
        items = []
        for campaign in campaigns:
            rows = participation(campaign)
            items.append(
                {
                    "campaign": campaign,
                    "complete": sum(r.complete for r in rows),
                    "libraries": sum(len(r.libraries) for r in rows),
                    "evaluations": sum(r.evaluations for r in rows),
                    "expected": sum(r.expected for r in rows),
                }
            )
        return "resources/_panel.html", {"coordinator": True, "campaigns": items}
    if not can_evaluate(user):
        return None
    done = (
        dict(
            db.session.execute(
                select(Evaluation.campaign_id, func.count(Evaluation.id))
                .where(
                    Evaluation.library_id == user.library_id,
                    Evaluation.campaign_id.in_([c.id for c in campaigns]),
                )
                .group_by(Evaluation.campaign_id)
            ).all()
        )
        if campaigns
        else {}
    )
    items = [
        {"campaign": c, "done": done.get(c.id, 0), "total": len(c.resources)} for c in campaigns
    ]
    return "resources/_panel.html", {"coordinator": False, "campaigns": items}
