"""Partner follow-up pages: overview, partner page, conventions, contributions, exports."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sesame_group.conventions import exports, queries, services
from sesame_group.conventions.forms import (
    AmendmentForm,
    ContributionForm,
    ConventionForm,
    GenerateForm,
    OverviewFilterForm,
    RateForm,
    TerminationForm,
)
from sesame_group.conventions.models import Contribution, Convention
from sesame_group.conventions.permissions import can_manage_conventions, can_view_partner_followup
from sesame_group.core.forms import apply_service
from sesame_group.core.pagination import Page
from sesame_group.core.permissions import require
from sesame_group.core.timeutil import paris_today
from sesame_group.extensions import db
from sesame_group.network.models import Partner

bp = Blueprint("conventions", __name__, url_prefix="/conventions")
PER_PAGE = 100
MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _filtered_overview():
    form = OverviewFilterForm(request.args)
    year = form.year.data if form.validate() and form.year.data else paris_today().year
    rows = queries.follow_ups(year, paris_today())
    rows = queries.filter_follow_ups(
        rows,
        status=form.status.data or "",
        unpaid=form.unpaid.data == "1",
        missed=form.missed.data == "1",
    )
    return form, year, rows


def _year_arg() -> int:
    """?year=, this year by default; 404 outside 2000-2100."""
    year = request.args.get("year", paris_today().year, type=int)
    if not 2000 <= year <= 2100:
        abort(404)
    return year


@bp.get("/")
@login_required
def index():
    if not can_manage_conventions(current_user):
        require(current_user.library is not None)
        return redirect(url_for("conventions.partner", partner_id=current_user.library.partner_id))
    form, year, rows = _filtered_overview()
    number = max(1, request.args.get("page", 1, type=int))
    page = Page(
        items=rows[(number - 1) * PER_PAGE : number * PER_PAGE],
        page=number,
        per_page=PER_PAGE,
        total=len(rows),
    )
    if number > page.pages:
        abort(404)
    return render_template("conventions/index.html", form=form, year=year, page=page)


@bp.get("/export.<fmt>")
@login_required
def export(fmt):
    require(can_manage_conventions(current_user))
    if fmt not in MIMETYPES:
        abort(404)
    _form, year, rows = _filtered_overview()
    header, body = exports.overview_rows(rows, year)
    return _download(header, body, fmt, f"suivi-partenaires-{year}", _("Suivi"))


def _download(header, body, fmt, stem, title):
    data = exports.to_csv(header, body) if fmt == "csv" else exports.to_xlsx(header, body, title)
    response = Response(data, content_type=MIMETYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


@bp.get("/partners/<int:partner_id>")
@login_required
def partner(partner_id):
    partner = db.get_or_404(Partner, partner_id)
    require(can_view_partner_followup(current_user, partner))
    year = _year_arg()
    (row,) = queries.follow_ups(year, paris_today(), partner_ids=[partner.id])
    return render_template("conventions/partner.html", row=row, year=year)


@bp.route("/partners/<int:partner_id>/new", methods=["GET", "POST"])
@login_required
def new_convention(partner_id):
    partner = db.get_or_404(Partner, partner_id)
    require(can_manage_conventions(current_user))
    form = ConventionForm()
    if form.validate_on_submit() and apply_service(
        form, services.create_convention, partner, signed_on=form.signed_on.data
    ):
        flash(_("La convention a été enregistrée."), "success")
        return redirect(url_for("conventions.partner", partner_id=partner.id))
    return render_template("conventions/convention_form.html", form=form, partner=partner)


@bp.route("/<int:convention_id>/amendment", methods=["GET", "POST"])
@login_required
def add_amendment(convention_id):
    convention = db.get_or_404(Convention, convention_id)
    require(can_manage_conventions(current_user))
    form = AmendmentForm()
    if form.validate_on_submit() and apply_service(
        form, services.add_amendment, convention, signed_on=form.signed_on.data, text=form.text.data
    ):
        flash(_("L’avenant a été enregistré."), "success")
        return redirect(url_for("conventions.partner", partner_id=convention.partner_id))
    return render_template("conventions/amendment_form.html", form=form, convention=convention)


@bp.route("/<int:convention_id>/terminate", methods=["GET", "POST"])
@login_required
def terminate(convention_id):
    convention = db.get_or_404(Convention, convention_id)
    require(can_manage_conventions(current_user))
    form = TerminationForm()
    if form.validate_on_submit() and apply_service(
        form,
        services.terminate_convention,
        convention,
        kind=form.kind.data,
        notice_on=form.notice_on.data,
        terminated_on=form.terminated_on.data,
        reason=form.reason.data,
    ):
        flash(_("La résiliation a été enregistrée."), "success")
        return redirect(url_for("conventions.partner", partner_id=convention.partner_id))
    return render_template("conventions/terminate.html", form=form, convention=convention)


@bp.get("/contributions")
@login_required
def contributions():
    require(can_manage_conventions(current_user))
    year = _year_arg()
    unpaid = request.args.get("unpaid") == "1"
    return render_template(
        "conventions/contributions.html",
        year=year,
        unpaid=unpaid,
        contributions=queries.contributions_of_year(year, unpaid_only=unpaid),
        totals=queries.yearly_totals(),
        rate=services.rate_for(year),
        rate_form=RateForm(prefix="rate", year=year),
        generate_form=GenerateForm(prefix="generate", year=year),
    )


@bp.get("/contributions/export.<fmt>")
@login_required
def export_contributions(fmt):
    require(can_manage_conventions(current_user))
    if fmt not in MIMETYPES:
        abort(404)
    year = _year_arg()
    rows = queries.contributions_of_year(year, unpaid_only=request.args.get("unpaid") == "1")
    header, body = exports.contribution_rows(rows)
    return _download(header, body, fmt, f"contributions-{year}", _("Contributions"))


@bp.post("/rates")
@login_required
def set_rate():
    require(can_manage_conventions(current_user))
    form = RateForm(prefix="rate")
    if form.validate_on_submit() and apply_service(
        form, services.set_rate, form.year.data, form.rate.data
    ):
        flash(_("Le taux a été enregistré."), "success")
        return redirect(url_for("conventions.contributions", year=form.year.data))
    return _contribution_forms_page(rate_form=form)


@bp.post("/contributions/generate")
@login_required
def generate():
    require(can_manage_conventions(current_user))
    form = GenerateForm(prefix="generate")
    if form.validate_on_submit() and apply_service(
        form, services.generate_contributions, form.year.data
    ):
        flash(_("Les contributions de l’année ont été calculées."), "success")
        return redirect(url_for("conventions.contributions", year=form.year.data))
    return _contribution_forms_page(generate_form=form)


def _contribution_forms_page(rate_form=None, generate_form=None):
    year = paris_today().year
    return render_template(
        "conventions/contributions.html",
        year=year,
        unpaid=False,
        contributions=queries.contributions_of_year(year),
        totals=queries.yearly_totals(),
        rate=services.rate_for(year),
        rate_form=rate_form or RateForm(prefix="rate", year=year),
        generate_form=generate_form or GenerateForm(prefix="generate", year=year),
    ), 400


@bp.route("/contributions/<int:contribution_id>", methods=["GET", "POST"])
@login_required
def edit_contribution(contribution_id):
    contribution = db.get_or_404(Contribution, contribution_id)
    require(can_manage_conventions(current_user))
    form = ContributionForm(obj=contribution)
    if form.validate_on_submit() and apply_service(
        form,
        services.record_payment_steps,
        contribution,
        invoiced_on=form.invoiced_on.data,
        paid_on=form.paid_on.data,
    ):
        flash(_("La contribution a été mise à jour."), "success")
        return redirect(url_for("conventions.contributions", year=contribution.year))
    return render_template(
        "conventions/contribution_form.html", form=form, contribution=contribution
    )
