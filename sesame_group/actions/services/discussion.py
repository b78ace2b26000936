"""Comments (one level of replies), internal notes, supports."""

from flask_babel import gettext as _
from sqlalchemy import select

from sesame_group.accounts.models import User
from sesame_group.actions.models import (
    DRAFT,
    ActionComment,
    ActionProposal,
    ActionSupport,
)
from sesame_group.actions.services.workflow import proposal_url
from sesame_group.core import audit
from sesame_group.core.errors import DomainError, InvalidTransition
from sesame_group.core.mail import queue_mail
from sesame_group.extensions import db


def add_comment(
    proposal: ActionProposal,
    *,
    by: User,
    body: str,
    parent_id: int | None = None,
    internal: bool = False,
) -> ActionComment:
    """A comment (or a coordinator's internal note); replies hang under a top-level comment.

    Side effects: the author of the proposal is mailed about public comments by others.
    """
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Le commentaire est vide."), "body")
    if proposal.status == DRAFT:
        raise InvalidTransition(_("On ne commente pas un brouillon."))
    parent = None
    if parent_id is not None:
        parent = db.session.get(ActionComment, parent_id)
        if parent is None or parent.proposal_id != proposal.id or parent.internal != internal:
            raise DomainError(_("Commentaire inconnu."), "parent_id")
        if parent.parent_id is not None:  # one level only: answer the thread
            parent = db.session.get(ActionComment, parent.parent_id)
    comment = ActionComment(
        proposal_id=proposal.id,
        author_id=by.id,
        body=body,
        parent_id=parent.id if parent else None,
        internal=internal,
    )
    db.session.add(comment)
    db.session.flush()
    if internal:
        audit.record(by, "action.note", proposal, proposal.title)
    elif by.id != proposal.author_id:
        author = proposal.author
        queue_mail(
            author.email,
            _("Nouveau commentaire sur « %(title)s »", title=proposal.title),
            "actions/mail/comment.txt",
            language=author.language,
            proposal=proposal,
            comment=comment,
            commenter=by,
            url=proposal_url(proposal),
        )
    return comment


def toggle_support(proposal: ActionProposal, *, by: User) -> bool:
    """Support (or stop supporting) a proposal; one support per member. Returns supported."""
    db.session.scalar(
        select(ActionProposal.id).where(ActionProposal.id == proposal.id).with_for_update()
    )
    existing = db.session.scalar(
        select(ActionSupport).where(
            ActionSupport.proposal_id == proposal.id, ActionSupport.user_id == by.id
        )
    )
    if existing:
        db.session.delete(existing)
        db.session.flush()
        return False
    if proposal.status == DRAFT:
        raise InvalidTransition(_("On ne soutient pas un brouillon."))
    db.session.add(ActionSupport(proposal_id=proposal.id, user_id=by.id))
    db.session.flush()
    return True
