"""actions pages: proposals, workflow, comments, dates, report, programme, export."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sesame_group.actions import agenda, queries, services
from sesame_group.actions.forms import (
    BudgetForm,
    CommentForm,
    DateForm,
    DecisionForm,
    FilterForm,
    NoteForm,
    ProposalForm,
    ReportForm,
)
from sesame_group.actions.models import CALENDAR_STATUSES, ActionDate
from sesame_group.actions.permissions import (
    can_cancel_action,
    can_comment_proposal,
    can_edit_proposal,
    can_manage_dates,
    can_manage_programme,
    can_propose,
    can_report_action,
    can_review_proposal,
    can_see_internal_notes,
    can_submit_proposal,
    can_support_proposal,
    can_view_programme,
    can_view_proposal,
    can_view_proposals,
    can_withdraw_proposal,
)
from sesame_group.core.errors import DomainError
from sesame_group.core.permissions import require
from sesame_group.core.timeutil import paris_today, to_paris
from sesame_group.extensions import db

bp = Blueprint("actions", __name__, url_prefix="/actions")


def _load(proposal_id):
    proposal = queries.get_proposal(proposal_id)
    if proposal is None:
        abort(404)
    return proposal


def _apply(form, service, *args, **kwargs) -> bool:
    """Call the service and commit; a DomainError goes next to its field (or the form)."""
    try:
        service(*args, by=current_user, **kwargs)
    except DomainError as error:
        db.session.rollback()
        target = getattr(form, error.field, None) if (form and error.field) else None
        if target is not None:
            target.errors = [*target.errors, error.message]
        elif form is not None:
            form.form_errors.append(error.message)
        else:
            flash(error.message, "error")
        return False
    db.session.commit()
    return True


def _to(proposal):
    return redirect(url_for("actions.detail", proposal_id=proposal.id))


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
            return _to(proposal)
    return render_template("actions/form.html", form=form, proposal=None)


@bp.get("/<int:proposal_id>")
@login_required
def detail(proposal_id):
    proposal = _load(proposal_id)
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
    proposal = _load(proposal_id)
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
    proposal = _load(proposal_id)
    require(can_edit_proposal(current_user, proposal))
    form = _proposal_form(proposal)
    if form.validate_on_submit() and _apply(
        form,
        services.update_proposal,
        proposal,
        values=form.values(),
        dates=form.date_inputs(),
        partner_library_ids=form.partner_libraries.data,
        resource_ids=form.promoted.data,
    ):
        flash(_("La proposition a été enregistrée."), "success")
        return _to(proposal)
    return render_template("actions/form.html", form=form, proposal=proposal)


def _workflow(proposal_id, predicate, service, message, confirm=None):
    """POST applies the transition; GET (irreversible ones) asks for confirmation first."""
    proposal = _load(proposal_id)
    require(predicate(current_user, proposal))
    if request.method == "GET":
        return _confirm(proposal, *confirm, action=request.path)
    if _apply(None, service, proposal):
        flash(message, "success")
    return _to(proposal)


@bp.post("/<int:proposal_id>/submit")
@login_required
def submit(proposal_id):
    return _workflow(
        proposal_id,
        can_submit_proposal,
        services.submit_proposal,
        _("La proposition a été soumise à la coordination."),
    )


def _confirm(proposal, title, question, button, *, action):
    return render_template(
        "actions/confirm.html",
        proposal=proposal,
        title=title,
        question=question,
        button=button,
        action=action,
    )


@bp.route("/<int:proposal_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw(proposal_id):
    return _workflow(
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


@bp.post("/<int:proposal_id>/review")
@login_required
def review(proposal_id):
    return _workflow(
        proposal_id,
        can_review_proposal,
        services.start_review,
        _("La proposition est en cours d’examen."),
    )


@bp.route("/<int:proposal_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel(proposal_id):
    return _workflow(
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
    return _workflow(
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


@bp.post("/<int:proposal_id>/comments")
@login_required
def comment(proposal_id):
    proposal = _load(proposal_id)
    require(can_comment_proposal(current_user, proposal))
    form = CommentForm()
    if form.validate_on_submit() and _apply(
        form, services.add_comment, proposal, body=form.body.data, parent_id=form.parent_id.data
    ):
        flash(_("Votre commentaire a été publié."), "success")
        return _to(proposal)
    return _render_detail(proposal, comment_form=form)


@bp.post("/<int:proposal_id>/notes")
@login_required
def note(proposal_id):
    proposal = _load(proposal_id)
    require(can_see_internal_notes(current_user, proposal))
    form = NoteForm(prefix="note")
    if form.validate_on_submit() and _apply(
        form, services.add_comment, proposal, body=form.body.data, internal=True
    ):
        flash(_("La note interne a été enregistrée."), "success")
        return _to(proposal)
    return _render_detail(proposal, note_form=form)


@bp.post("/<int:proposal_id>/support")
@login_required
def support(proposal_id):
    proposal = _load(proposal_id)
    require(can_support_proposal(current_user, proposal))
    supported = services.toggle_support(proposal, by=current_user)
    db.session.commit()
    flash(
        _("Vous soutenez cette proposition.")
        if supported
        else _("Vous ne soutenez plus cette proposition."),
        "success",
    )
    return _to(proposal)


@bp.route("/<int:proposal_id>/decision", methods=["GET", "POST"])
@login_required
def decide(proposal_id):
    proposal = _load(proposal_id)
    require(can_review_proposal(current_user, proposal))
    form = DecisionForm(obj=None)
    if request.method == "GET" and proposal.decision:
        form.decision.data, form.granted_amount.data = proposal.decision, proposal.granted_amount
        form.note.data = proposal.decision_note
    if form.validate_on_submit():
        if form.decision.data == "changes":
            done = _apply(form, services.request_changes, proposal, note=form.note.data)
        else:
            done = _apply(
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
            return _to(proposal)
    return render_template("actions/decide.html", form=form, proposal=proposal)


@bp.route("/<int:proposal_id>/report", methods=["GET", "POST"])
@login_required
def report(proposal_id):
    proposal = _load(proposal_id)
    require(can_report_action(current_user, proposal))
    form = ReportForm()
    if form.validate_on_submit() and _apply(
        form,
        services.file_report,
        proposal,
        actual_participants=form.actual_participants.data,
        assessment=form.assessment.data,
    ):
        flash(_("Le bilan a été enregistré ; l’action est réalisée."), "success")
        return _to(proposal)
    return render_template("actions/report.html", form=form, proposal=proposal)


def _load_date(date_id):
    item = db.get_or_404(ActionDate, date_id)
    return item, _load(item.proposal_id)


@bp.route("/dates/<int:date_id>", methods=["GET", "POST"])
@login_required
def edit_date(date_id):
    item, proposal = _load_date(date_id)
    require(can_manage_dates(current_user, proposal))
    form = DateForm()
    if request.method == "GET":
        start, end = to_paris(item.starts_at), to_paris(item.ends_at)
        form.day.data, form.start.data, form.end.data = start.date(), start.time(), end.time()
        form.place.data = item.place
    if form.validate_on_submit():
        starts_at, ends_at = form.instants()
        if _apply(
            form,
            services.reschedule_date,
            item,
            starts_at=starts_at,
            ends_at=ends_at,
            place=form.place.data or "",
        ):
            flash(_("La date a été modifiée ; les agendas abonnés seront mis à jour."), "success")
            return _to(proposal)
    return render_template("actions/date.html", form=form, item=item, proposal=proposal)


@bp.route("/dates/<int:date_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel_date(date_id):
    item, proposal = _load_date(date_id)
    require(can_manage_dates(current_user, proposal))
    if request.method == "GET":
        return _confirm(
            proposal,
            _("Annuler une date"),
            _("La date restera dans les agendas abonnés, marquée comme annulée."),
            _("Annuler cette date"),
            action=request.path,
        )
    if _apply(None, services.cancel_date, item):
        flash(_("La date a été annulée."), "success")
    return _to(proposal)


def _year_arg() -> int:
    year = request.args.get("year", paris_today().year, type=int)
    if not 2000 <= year <= 2100:
        abort(404)
    return year


@bp.get("/programme")
@login_required
def programme():
    require(can_view_programme(current_user))
    year = _year_arg()
    form = BudgetForm(formdata=None, year=year)
    return render_template(
        "actions/programme.html", year=year, data=queries.programme(year), budget_form=form
    )


@bp.post("/programme/budget")
@login_required
def set_budget():
    require(can_manage_programme(current_user))
    form = BudgetForm()
    if form.validate_on_submit() and _apply(
        form, services.set_budget, form.year.data, form.amount.data
    ):
        flash(_("Le budget a été enregistré."), "success")
        return redirect(url_for("actions.programme", year=form.year.data))
    year = (
        form.year.data if form.year.data and 2000 <= form.year.data <= 2100 else paris_today().year
    )
    return render_template(
        "actions/programme.html", year=year, data=queries.programme(year), budget_form=form
    ), 400


@bp.get("/export.csv")
@login_required
def export():
    require(can_manage_programme(current_user))
    year = request.args.get("year", type=int)
    if year is not None and not 2000 <= year <= 2100:
        abort(404)
    response = Response(queries.export_csv(year), content_type="text/csv; charset=utf-8")
    name = f"actions-culturelles-{year}.csv" if year else "actions-culturelles.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
