"""Shared steps of the actions views: load or 404, apply a service, confirm."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from sesame_group.actions import queries
from sesame_group.actions.models import ActionDate
from sesame_group.core.forms import apply_service  # noqa: F401 - re-exported to the views
from sesame_group.core.permissions import require
from sesame_group.extensions import db


def load_proposal(proposal_id):
    proposal = queries.get_proposal(proposal_id)
    if proposal is None:
        abort(404)
    return proposal


def to_detail(proposal):
    return redirect(url_for("actions.detail", proposal_id=proposal.id))


def workflow(proposal_id, predicate, service, message, confirm=None):
    """POST applies the transition; GET (irreversible ones) asks for confirmation first."""
    proposal = load_proposal(proposal_id)
    require(predicate(current_user, proposal))
    if request.method == "GET":
        return confirm_page(proposal, *confirm, action=request.path)
    if apply_service(None, service, proposal):
        flash(message, "success")
    return to_detail(proposal)


def confirm_page(proposal, title, question, button, *, action):
    return render_template(
        "actions/confirm.html",
        proposal=proposal,
        title=title,
        question=question,
        button=button,
        action=action,
    )


def load_date(date_id):
    item = db.get_or_404(ActionDate, date_id)
    return item, load_proposal(item.proposal_id)
