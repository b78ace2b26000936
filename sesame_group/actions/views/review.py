"""Coordinator review: examination, decisions, announcements; dates of accepted actions."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sesame_group.actions import services
from sesame_group.actions.blueprint import bp
from sesame_group.actions.forms import (
    DateForm,
    DecisionForm,
)
from sesame_group.actions.permissions import (
    can_cancel_action,
    can_manage_dates,
    can_review_proposal,
)
from sesame_group.actions.views.common import (
    apply_service,
    confirm_page,
    load_date,
    load_proposal,
    to_detail,
    workflow,
)
from sesame_group.core.permissions import require
from sesame_group.core.timeutil import to_paris
from sesame_group.extensions import db


@bp.post("/<int:proposal_id>/review")
@login_required
def review(proposal_id):
    return workflow(
        proposal_id,
        can_review_proposal,
        services.start_review,
        _("La proposition est en cours d’examen."),
    )


@bp.route("/<int:proposal_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel(proposal_id):
    return workflow(
        proposal_id,
        can_cancel_action,
        services.cancel_action,
        _("L’action a été annulée ; ses dates restent dans l’agenda comme annulées."),
        confirm=(
            _("Annuler l’action"),
            _("Toutes ses dates apparaîtront comme annulées dans les agendas abonnés."),
            _("Annuler l’action"),
        ),
    )


@bp.post("/<int:proposal_id>/announce")
@login_required
def announce(proposal_id):
    return workflow(
        proposal_id,
        can_review_proposal,
        services.announce_decision,
        _("La décision a été annoncée."),
    )


@bp.post("/announce")
@login_required
def announce_all():
    require(can_review_proposal(current_user))
    count = services.announce_pending(by=current_user)
    db.session.commit()
    flash(_("%(num)d décision(s) annoncée(s).", num=count), "success")
    return redirect(url_for("actions.index"))


@bp.route("/<int:proposal_id>/decision", methods=["GET", "POST"])
@login_required
def decide(proposal_id):
    proposal = load_proposal(proposal_id)
    require(can_review_proposal(current_user, proposal))
    form = DecisionForm(obj=None)
    if request.method == "GET" and proposal.decision:
        form.decision.data, form.granted_amount.data = proposal.decision, proposal.granted_amount
        form.note.data = proposal.decision_note
    if form.validate_on_submit():
        if form.decision.data == "changes":
            done = apply_service(form, services.request_changes, proposal, note=form.note.data)
        else:
            done = apply_service(
                form,
                services.record_decision,
                proposal,
                decision=form.decision.data,
                granted_amount=form.granted_amount.data,
                note=form.note.data,
                announce=form.announce.data,
            )
        if done:
            flash(_("La décision a été enregistrée."), "success")
            return to_detail(proposal)
    return render_template("actions/decide.html", form=form, proposal=proposal)


@bp.route("/dates/<int:date_id>", methods=["GET", "POST"])
@login_required
def edit_date(date_id):
    item, proposal = load_date(date_id)
    require(can_manage_dates(current_user, proposal))
    form = DateForm()
    if request.method == "GET":
        start, end = to_paris(item.starts_at), to_paris(item.ends_at)
        form.day.data, form.start.data, form.end.data = start.date(), start.time(), end.time()
        form.place.data = item.place
    if form.validate_on_submit():
        starts_at, ends_at = form.instants()
        if apply_service(
            form,
            services.reschedule_date,
            item,
            starts_at=starts_at,
            ends_at=ends_at,
            place=form.place.data or "",
        ):
            flash(_("La date a été modifiée ; les agendas abonnés seront mis à jour."), "success")
            return to_detail(proposal)
    return render_template("actions/date.html", form=form, item=item, proposal=proposal)


@bp.route("/dates/<int:date_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel_date(date_id):
    item, proposal = load_date(date_id)
    require(can_manage_dates(current_user, proposal))
    if request.method == "GET":
        return confirm_page(
            proposal,
            _("Annuler une date"),
            _("La date restera dans les agendas abonnés, marquée comme annulée."),
            _("Annuler cette date"),
            action=request.path,
        )
    if apply_service(None, services.cancel_date, item):
        flash(_("La date a été annulée."), "success")
    return to_detail(proposal)
