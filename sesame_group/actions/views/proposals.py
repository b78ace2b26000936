"""Proposal pages: list, form, detail, discussion, supports, report, .ics."""

from flask import Response, abort, flash, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sesame_group.actions import agenda, queries, services
from sesame_group.actions.blueprint import bp
from sesame_group.actions.forms import (
    CommentForm,
    FilterForm,
    NoteForm,
    ProposalForm,
    ReportForm,
)
from sesame_group.actions.models import CALENDAR_STATUSES
from sesame_group.actions.permissions import (
    can_comment_proposal,
    can_edit_proposal,
    can_propose,
    can_report_action,
    can_review_proposal,
    can_see_internal_notes,
    can_submit_proposal,
    can_support_proposal,
    can_view_proposal,
    can_view_proposals,
    can_withdraw_proposal,
)
from sesame_group.actions.views.common import apply_service, load_proposal, to_detail, workflow
from sesame_group.core.errors import DomainError
from sesame_group.core.permissions import require
from sesame_group.core.timeutil import to_paris
from sesame_group.extensions import db


@bp.get("/")
@login_required
def index():
    require(can_view_proposals(current_user))
    form = FilterForm(request.args)
    valid = form.validate()
    filters = {name: getattr(form, name).data or "" for name in ("status", "audience", "format")}
    page, counts = queries.list_proposals(
        current_user,
        **(filters if valid else {}),
        year=form.year.data if valid else None,
        mine=bool(form.mine.data),
        page=request.args.get("page", 1, type=int),
    )
    return render_template(
        "actions/index.html",
        form=form,
        page=page,
        counts=counts,
        pending=queries.pending_count() if can_review_proposal(current_user) else 0,
    )


def _proposal_form(proposal=None):
    form = ProposalForm(obj=proposal if request.method == "GET" else None)
    own = proposal.library_id if proposal is not None else current_user.library_id
    form.partner_libraries.choices = [c for c in queries.library_choices() if c[0] != own]
    form.promoted.choices = queries.resource_choices(proposal)
    if request.method == "GET" and proposal is not None:
        form.partner_libraries.data = [lib.id for lib in proposal.partner_libraries]
        form.promoted.data = [resource.id for resource in proposal.promoted]
        while len(form.dates) < len(proposal.dates):
            form.dates.append_entry()
        for entry, item in zip(form.dates, proposal.dates, strict=False):
            local_start, local_end = to_paris(item.starts_at), to_paris(item.ends_at)
            entry.form.day.data, entry.form.place.data = local_start.date(), item.place
            entry.form.start.data, entry.form.end.data = local_start.time(), local_end.time()
    return form


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    require(can_propose(current_user))
    form = _proposal_form()
    if form.validate_on_submit():
        try:
            proposal = services.create_proposal(
                current_user.library,
                by=current_user,
                values=form.values(),
                dates=form.date_inputs(),
                partner_library_ids=form.partner_libraries.data,
                resource_ids=form.promoted.data,
            )
        except DomainError as error:
            db.session.rollback()
            getattr(form, error.field or "title", form.title).errors.append(error.message)
        else:
            db.session.commit()
            flash(_("Le brouillon a été enregistré."), "success")
            return to_detail(proposal)
    return render_template("actions/form.html", form=form, proposal=None)


@bp.get("/<int:proposal_id>")
@login_required
def detail(proposal_id):
    proposal = load_proposal(proposal_id)
    require(can_view_proposal(current_user, proposal))
    return _render_detail(proposal)


def _render_detail(proposal, comment_form=None, note_form=None):
    notes = (
        queries.discussion(proposal, current_user, internal=True)
        if can_see_internal_notes(current_user, proposal)
        else []
    )
    supports, supported = queries.support_state(proposal, current_user)
    return render_template(
        "actions/detail.html",
        proposal=proposal,
        supports=supports,
        supported=supported,
        threads=queries.discussion(proposal, current_user),
        notes=notes,
        comment_form=comment_form or CommentForm(formdata=None),
        note_form=note_form or NoteForm(formdata=None, prefix="note"),
    )


@bp.get("/<int:proposal_id>/agenda.ics")
@login_required
def ics(proposal_id):
    proposal = load_proposal(proposal_id)
    require(can_view_proposal(current_user, proposal))
    if proposal.status not in CALENDAR_STATUSES:
        abort(404)
    response = Response(agenda.proposal_ics(proposal), mimetype="text/calendar")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="action-culturelle-{proposal.id}.ics"'
    )
    return response


@bp.route("/<int:proposal_id>/edit", methods=["GET", "POST"])
@login_required
def edit(proposal_id):
    proposal = load_proposal(proposal_id)
    require(can_edit_proposal(current_user, proposal))
    form = _proposal_form(proposal)
    if form.validate_on_submit() and apply_service(
        form,
        services.update_proposal,
        proposal,
        values=form.values(),
        dates=form.date_inputs(),
        partner_library_ids=form.partner_libraries.data,
        resource_ids=form.promoted.data,
    ):
        flash(_("La proposition a été enregistrée."), "success")
        return to_detail(proposal)
    return render_template("actions/form.html", form=form, proposal=proposal)


@bp.post("/<int:proposal_id>/submit")
@login_required
def submit(proposal_id):
    return workflow(
        proposal_id,
        can_submit_proposal,
        services.submit_proposal,
        _("La proposition a été soumise à la coordination."),
    )


@bp.route("/<int:proposal_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw(proposal_id):
    return workflow(
        proposal_id,
        can_withdraw_proposal,
        services.withdraw_proposal,
        _("La proposition a été retirée."),
        confirm=(
            _("Retirer la proposition"),
            _("La proposition restera visible comme retirée et ne pourra plus être soumise."),
            _("Retirer la proposition"),
        ),
    )


@bp.post("/<int:proposal_id>/comments")
@login_required
def comment(proposal_id):
    proposal = load_proposal(proposal_id)
    require(can_comment_proposal(current_user, proposal))
    form = CommentForm()
    if form.validate_on_submit() and apply_service(
        form, services.add_comment, proposal, body=form.body.data, parent_id=form.parent_id.data
    ):
        flash(_("Votre commentaire a été publié."), "success")
        return to_detail(proposal)
    return _render_detail(proposal, comment_form=form)


@bp.post("/<int:proposal_id>/notes")
@login_required
def note(proposal_id):
    proposal = load_proposal(proposal_id)
    require(can_see_internal_notes(current_user, proposal))
    form = NoteForm(prefix="note")
    if form.validate_on_submit() and apply_service(
        form, services.add_comment, proposal, body=form.body.data, internal=True
    ):
        flash(_("La note interne a été enregistrée."), "success")
        return to_detail(proposal)
    return _render_detail(proposal, note_form=form)


@bp.post("/<int:proposal_id>/support")
@login_required
def support(proposal_id):
    proposal = load_proposal(proposal_id)
    require(can_support_proposal(current_user, proposal))
    supported = services.toggle_support(proposal, by=current_user)
    db.session.commit()
    flash(
        _("Vous soutenez cette proposition.")
        if supported
        else _("Vous ne soutenez plus cette proposition."),
        "success",
    )
    return to_detail(proposal)


@bp.route("/<int:proposal_id>/report", methods=["GET", "POST"])
@login_required
def report(proposal_id):
    proposal = load_proposal(proposal_id)
    require(can_report_action(current_user, proposal))
    form = ReportForm()
    if form.validate_on_submit() and apply_service(
        form,
        services.file_report,
        proposal,
        actual_participants=form.actual_participants.data,
        assessment=form.assessment.data,
    ):
        flash(_("Le bilan a été enregistré ; l’action est réalisée."), "success")
        return to_detail(proposal)
    return render_template("actions/report.html", form=form, proposal=proposal)
