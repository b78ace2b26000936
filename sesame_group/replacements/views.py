"""Replacement plan pages: a library's absences, the coordinator's « still to plan »."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sesame_group.core.errors import DomainError
from sesame_group.core.permissions import require
from sesame_group.core.timeutil import utcnow
from sesame_group.extensions import db
from sesame_group.replacements import queries, services
from sesame_group.replacements.forms import ReplacementForm
from sesame_group.replacements.permissions import (
    can_update_replacement,
    can_view_overview,
    can_view_plan,
)

bp = Blueprint("replacements", __name__, url_prefix="/replacements")


def _library_or_404(library_id):
    library = queries.library_with_hours(library_id)
    if library is None:
        abort(404)
    return library


@bp.get("/")
@login_required
def index():
    if not can_view_overview(current_user):
        require(current_user.library_id is not None)
        return redirect(url_for("replacements.library", library_id=current_user.library_id))
    groups = queries.still_to_plan(utcnow())
    return render_template("replacements/index.html", groups=groups)


@bp.get("/libraries/<int:library_id>")
@login_required
def library(library_id):
    library = _library_or_404(library_id)
    require(can_view_plan(current_user, library))
    rows = queries.plan(library, utcnow())
    return render_template("replacements/library.html", library=library, rows=rows)


@bp.route("/libraries/<int:library_id>/absences/<key>", methods=["GET", "POST"])
@login_required
def edit(library_id, key):
    library = _library_or_404(library_id)
    require(can_update_replacement(current_user, library))
    row = queries.find_row(library, key, utcnow())
    if row is None or not row.overlaps:
        abort(404)
    form = (
        ReplacementForm()
        if request.method == "POST"
        else ReplacementForm(obj=row.replacement, status=row.status)
    )
    if not form.validate_on_submit():
        return render_template("replacements/edit.html", library=library, row=row, form=form)
    try:
        services.set_replacement(
            library,
            key,
            form.status.data,
            by=current_user,
            arranged_by=form.arranged_by.data or "",
            reason=form.reason.data or "",
        )
    except DomainError as error:
        db.session.rollback()
        getattr(form, error.field or "status").errors.append(error.message)
        return render_template("replacements/edit.html", library=library, row=row, form=form)
    db.session.commit()
    flash(_("Le remplacement est enregistré."), "success")
    return redirect(url_for("replacements.library", library_id=library.id))
