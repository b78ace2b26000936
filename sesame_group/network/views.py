"""Partner and library pages, weekly hours and closures."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sesame_group.core.errors import DomainError
from sesame_group.core.forms import show_domain_error
from sesame_group.core.permissions import require
from sesame_group.core.timeutil import paris_today
from sesame_group.extensions import db
from sesame_group.network import hours, queries, services
from sesame_group.network.forms import (
    ClosureForm,
    LibraryFilterForm,
    LibraryForm,
    PartnerFilterForm,
    PartnerForm,
    WeeklyHoursForm,
)
from sesame_group.network.models import Closure, Library, Partner
from sesame_group.network.permissions import (
    can_edit_library_hours,
    can_manage_network,
    can_view_library,
    can_view_network,
)

bp = Blueprint("network", __name__, url_prefix="/network")
# Ids in URLs are capped to the 32-bit range of the columns: a bigger one is a 404, not a
# database error.
BLANK_ROWS = 6


def _page_arg() -> int:
    return max(1, min(request.args.get("page", 1, type=int), 100_000))


def _load_library(library_id: int) -> Library:
    library = queries.library_detail(library_id)
    if library is None:
        abort(404)
    return library


# -- Partners ------------------------------------------------------------------------------


@bp.get("/partners")
@login_required
def partners():
    require(can_view_network(current_user))
    form = PartnerFilterForm(request.args)
    valid = form.validate()
    page, counts = queries.partner_page(
        form.q.data if valid else "", form.kind.data if valid else "", _page_arg()
    )
    return render_template("network/partners.html", form=form, page=page, counts=counts)


@bp.get("/partners/<int(max=2147483647):partner_id>")
@login_required
def partner(partner_id):
    item = queries.partner_detail(partner_id)
    if item is None:
        abort(404)
    require(can_view_network(current_user))
    return render_template("network/partner.html", partner=item, now_status=hours.open_now)


@bp.route("/partners/new", methods=["GET", "POST"])
@bp.route("/partners/<int(max=2147483647):partner_id>/edit", methods=["GET", "POST"])
@login_required
def partner_form(partner_id=None):
    item = db.get_or_404(Partner, partner_id) if partner_id else None
    require(can_manage_network(current_user))
    form = PartnerForm(obj=item)
    if form.validate_on_submit():
        data = {name: getattr(form, name).data for name in services.PARTNER_FIELDS}
        try:
            item = services.save_partner(item, data, by=current_user)
        except DomainError as error:
            show_domain_error(form, error, fallback="flash")
        else:
            db.session.commit()
            flash(_("La collectivité « %(name)s » est enregistrée.", name=item.name), "success")
            return redirect(url_for("network.partner", partner_id=item.id))
    return render_template("network/partner_form.html", form=form, partner=item)


# -- Libraries -----------------------------------------------------------------------------


@bp.get("/libraries")
@login_required
def libraries():
    require(can_view_network(current_user))
    form = LibraryFilterForm(request.args)
    form.partner.choices = [(0, _("Toutes"))] + queries.partner_choices()
    valid = form.validate()
    page = queries.library_page(
        form.q.data if valid else "", form.partner.data if valid else None, _page_arg()
    )
    return render_template(
        "network/libraries.html", form=form, page=page, now_status=hours.open_now
    )


@bp.get("/libraries/<int(max=2147483647):library_id>")
@login_required
def library(library_id):
    item = _load_library(library_id)
    require(can_view_library(current_user, item))
    return render_template(
        "network/library.html",
        library=item,
        week=hours.weekly_hours(item),
        status=hours.open_now(item),
        closures=hours.upcoming_closures(item, paris_today()),
    )


@bp.route("/libraries/new", methods=["GET", "POST"])
@bp.route("/libraries/<int(max=2147483647):library_id>/edit", methods=["GET", "POST"])
@login_required
def library_form(library_id=None):
    item = db.get_or_404(Library, library_id) if library_id else None
    require(can_manage_network(current_user))
    form = LibraryForm(obj=item)
    form.partner_id.choices = queries.partner_choices()
    if item is None and request.method == "GET":
        form.partner_id.data = request.args.get("partner", type=int)
    if form.validate_on_submit():
        data = {name: getattr(form, name).data for name in services.LIBRARY_FIELDS}
        try:
            item = services.save_library(item, data, by=current_user)
        except DomainError as error:
            show_domain_error(form, error, fallback="flash")
        else:
            db.session.commit()
            flash(_("La bibliothèque « %(name)s » est enregistrée.", name=item.name), "success")
            return redirect(url_for("network.library", library_id=item.id))
    return render_template("network/library_form.html", form=form, library=item)


# -- Weekly hours and closures ---------------------------------------------------------------


@bp.route("/libraries/<int(max=2147483647):library_id>/hours", methods=["GET", "POST"])
@login_required
def hours_form(library_id):
    item = _load_library(library_id)
    require(can_edit_library_hours(current_user, item))
    form = WeeklyHoursForm()
    if request.method == "GET":
        rows = [
            {"weekday": h.weekday, "opens": f"{h.opens:%H:%M}", "closes": f"{h.closes:%H:%M}"}
            for h in item.opening_hours
        ]
        form = WeeklyHoursForm(data={"rows": rows + [{} for _i in range(BLANK_ROWS)]})
    if form.validate_on_submit():
        try:
            services.replace_weekly_hours(item, form.ranges(), by=current_user)
        except DomainError as error:
            show_domain_error(form, error, fallback="flash")
        else:
            db.session.commit()
            flash(_("Les horaires d’ouverture sont enregistrés."), "success")
            return redirect(url_for("network.library", library_id=item.id))
    return render_template("network/hours_form.html", form=form, library=item)


@bp.route("/libraries/<int(max=2147483647):library_id>/closures", methods=["GET", "POST"])
@login_required
def closures(library_id):
    item = _load_library(library_id)
    require(can_edit_library_hours(current_user, item))
    form = ClosureForm()
    if form.validate_on_submit():
        try:
            services.add_closure(
                item, form.starts_on.data, form.ends_on.data, form.reason.data, by=current_user
            )
        except DomainError as error:
            show_domain_error(form, error, fallback="flash")
        else:
            db.session.commit()
            flash(_("La fermeture est enregistrée."), "success")
            return redirect(url_for("network.closures", library_id=item.id))
    return render_template(
        "network/closures.html",
        form=form,
        library=item,
        closures=hours.upcoming_closures(item, paris_today()),
    )


@bp.post(
    "/libraries/<int(max=2147483647):library_id>/closures/<int(max=2147483647):closure_id>/delete"
)
@login_required
def closure_delete(library_id, closure_id):
    closure = db.session.get(Closure, closure_id)
    if closure is None or closure.library_id != library_id:
        abort(404)
    require(can_edit_library_hours(current_user, closure.library))
    services.delete_closure(closure, by=current_user)
    db.session.commit()
    flash(_("La fermeture est supprimée."), "success")
    return redirect(url_for("network.closures", library_id=library_id))
