"""Yearly programme, budget and CSV export."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sesame_group.actions import queries, services
from sesame_group.actions.blueprint import bp
from sesame_group.actions.forms import (
    BudgetForm,
)
from sesame_group.actions.permissions import (
    can_manage_programme,
    can_view_programme,
)
from sesame_group.actions.views.common import apply_service
from sesame_group.core.permissions import require
from sesame_group.core.timeutil import paris_today


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
    if form.validate_on_submit() and apply_service(
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
