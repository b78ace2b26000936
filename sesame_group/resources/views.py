"""Resources pages: catalogue, campaigns, evaluations, results and exports."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sesame_group.core.errors import DomainError
from sesame_group.core.forms import apply_service
from sesame_group.core.pagination import paginate
from sesame_group.core.permissions import require
from sesame_group.core.timeutil import paris_today
from sesame_group.extensions import db
from sesame_group.network.models import Library
from sesame_group.resources import exports, queries, reminders, services
from sesame_group.resources import results as campaign_results
from sesame_group.resources.forms import (
    CatalogueFilterForm,
    ResourceForm,
    campaign_form,
    evaluation_form,
    evaluation_initial,
)
from sesame_group.resources.models import OPEN, Resource
from sesame_group.resources.permissions import (
    can_evaluate,
    can_manage_resources,
    can_view_library_progress,
    can_view_resources,
    can_view_results,
)

bp = Blueprint("resources", __name__, url_prefix="/resources")
PER_PAGE = 20


def _campaign_or_404(campaign_id):
    return queries.load_campaign(campaign_id) or abort(404)


@bp.get("/")
@login_required
def index():
    require(can_view_resources(current_user))
    form = CatalogueFilterForm(request.args)
    valid = form.validate()
    query = queries.catalogue(
        category=form.category.data if valid else "",
        text=form.q.data if valid else "",
        include_inactive=can_manage_resources(current_user),
    )
    page = paginate(query, request.args.get("page", 1, type=int), PER_PAGE)
    return render_template("resources/index.html", form=form, page=page)


@bp.get("/<int:resource_id>")
@login_required
def detail(resource_id):
    resource = db.get_or_404(Resource, resource_id)
    require(
        can_view_resources(current_user) and (resource.active or can_manage_resources(current_user))
    )
    return render_template("resources/detail.html", resource=resource)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new_resource():
    require(can_manage_resources(current_user))
    form = ResourceForm()
    if form.validate_on_submit():
        resource = apply_service(form, services.create_resource, **form.values())
        if resource:
            flash(_("La ressource a été ajoutée au catalogue."), "success")
            return redirect(url_for("resources.detail", resource_id=resource.id))
    return render_template("resources/resource_form.html", form=form, resource=None)


@bp.route("/<int:resource_id>/edit", methods=["GET", "POST"])
@login_required
def edit_resource(resource_id):
    resource = db.get_or_404(Resource, resource_id)
    require(can_manage_resources(current_user))
    form = ResourceForm(obj=resource)
    if form.validate_on_submit() and apply_service(
        form, services.update_resource, resource, **form.values()
    ):
        flash(_("La ressource a été modifiée."), "success")
        return redirect(url_for("resources.detail", resource_id=resource.id))
    return render_template("resources/resource_form.html", form=form, resource=resource)


@bp.get("/campaigns")
@login_required
def campaigns():
    require(can_view_resources(current_user))
    rows = queries.campaigns_with_counts(current_user.library_id)
    return render_template("resources/campaigns.html", rows=rows, today=paris_today())


def _campaign_form(campaign=None):
    return campaign_form(
        campaign, queries.active_resource_choices(), submitted=request.method == "POST"
    )


def _campaign_values(form):
    return dict(
        title=form.title.data,
        opens_on=form.opens_on.data,
        closes_on=form.closes_on.data,
        resource_ids=form.resources.data,
        criteria=form.criteria_values(),
    )


@bp.route("/campaigns/new", methods=["GET", "POST"])
@login_required
def new_campaign():
    require(can_manage_resources(current_user))
    form = _campaign_form()
    if form.validate_on_submit():
        campaign = apply_service(form, services.create_campaign, **_campaign_values(form))
        if campaign:
            flash(_("La campagne d’évaluation a été ouverte."), "success")
            return redirect(url_for("resources.campaign", campaign_id=campaign.id))
    return render_template("resources/campaign_form.html", form=form, campaign=None)


@bp.route("/campaigns/<int:campaign_id>/edit", methods=["GET", "POST"])
@login_required
def edit_campaign(campaign_id):
    campaign = _campaign_or_404(campaign_id)
    require(can_manage_resources(current_user))
    form = _campaign_form(campaign)
    if form.validate_on_submit() and apply_service(
        form, services.update_campaign, campaign, today=paris_today(), **_campaign_values(form)
    ):
        flash(_("La campagne a été modifiée."), "success")
        return redirect(url_for("resources.campaign", campaign_id=campaign.id))
    return render_template("resources/campaign_form.html", form=form, campaign=campaign)


def _simple_action(campaign_id, service, success):
    campaign = _campaign_or_404(campaign_id)
    require(can_manage_resources(current_user))
    try:
        result = service(campaign, by=current_user, today=paris_today())
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(success(result), "success")
    return redirect(url_for("resources.campaign", campaign_id=campaign_id))


@bp.post("/campaigns/<int:campaign_id>/close")
@login_required
def close_campaign(campaign_id):
    return _simple_action(
        campaign_id,
        services.close_campaign,
        lambda _result: _(
            "La campagne est close : les résultats sont visibles par tous les membres."
        ),
    )


@bp.post("/campaigns/<int:campaign_id>/remind")
@login_required
def remind(campaign_id):
    return _simple_action(
        campaign_id,
        reminders.send_reminders,
        lambda count: _("Relance envoyée à %(num)d bibliothèque(s).", num=count),
    )


@bp.get("/campaigns/<int:campaign_id>")
@login_required
def campaign(campaign_id):
    campaign = _campaign_or_404(campaign_id)
    require(can_view_resources(current_user))
    if can_manage_resources(current_user):
        return render_template(
            "resources/campaign.html",
            campaign=campaign,
            today=paris_today(),
            participation=campaign_results.participation(campaign),
        )
    return _progress_page(campaign, current_user.library)


@bp.get("/campaigns/<int:campaign_id>/libraries/<int:library_id>")
@login_required
def library_progress(campaign_id, library_id):
    campaign = _campaign_or_404(campaign_id)
    library = db.get_or_404(Library, library_id)
    require(can_view_library_progress(current_user, library))
    return _progress_page(campaign, library)


def _progress_page(campaign, library):
    evaluations = queries.library_evaluations(campaign, library.id)
    return render_template(
        "resources/progress.html",
        campaign=campaign,
        library=library,
        evaluations=evaluations,
        today=paris_today(),
    )


@bp.route("/campaigns/<int:campaign_id>/resources/<int:resource_id>", methods=["GET", "POST"])
@login_required
def evaluate(campaign_id, resource_id):
    campaign = _campaign_or_404(campaign_id)
    resource = next((r for r in campaign.resources if r.id == resource_id), None) or abort(404)
    require(can_evaluate(current_user))
    if campaign.phase(paris_today()) != OPEN:
        flash(
            _("La campagne n’est pas ouverte : les évaluations ne sont pas modifiables."), "error"
        )
        return redirect(url_for("resources.campaign", campaign_id=campaign.id))
    library = current_user.library
    evaluation = queries.load_evaluation(campaign, resource.id, library.id)
    form = evaluation_form(campaign.criteria, data=evaluation_initial(evaluation))
    if form.validate_on_submit():
        if apply_service(
            form,
            services.save_evaluation,
            campaign,
            resource,
            library,
            today=paris_today(),
            scores=form.scores(campaign.criteria),
            usage=form.usage.data,
            recommendation=form.recommendation.data,
            comment=form.comment.data or "",
            revision=form.revision.data,
        ):
            flash(_("Évaluation de « %(name)s » enregistrée.", name=resource.name), "success")
            return redirect(url_for("resources.campaign", campaign_id=campaign.id))
        form = _reloaded(form, campaign, resource, library)
    return render_template(
        "resources/evaluate.html",
        campaign=campaign,
        resource=resource,
        form=form,
        evaluation=evaluation,
    )


def _reloaded(form, campaign, resource, library):
    """After a refused save, show what is stored now (a colleague may have saved)."""
    evaluation = queries.load_evaluation(campaign, resource.id, library.id)
    if evaluation is None or not form.form_errors:
        return form
    fresh = evaluation_form(campaign.criteria, formdata=None, data=evaluation_initial(evaluation))
    fresh.form_errors.extend(form.form_errors)
    return fresh


@bp.get("/campaigns/<int:campaign_id>/results")
@login_required
def results(campaign_id):
    campaign = _campaign_or_404(campaign_id)
    require(can_view_results(current_user, campaign))
    previous = campaign_results.previous_campaign(campaign)
    return render_template(
        "resources/results.html",
        campaign=campaign,
        previous=previous,
        results=campaign_results.results(campaign, previous),
        participation=campaign_results.participation(campaign),
        today=paris_today(),
    )


def _csv(data: bytes, stem: str) -> Response:
    response = Response(data, content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
    return response


@bp.get("/campaigns/<int:campaign_id>/results.csv")
@login_required
def export_results(campaign_id):
    campaign = _campaign_or_404(campaign_id)
    require(can_view_results(current_user, campaign))
    rows = campaign_results.results(campaign, campaign_results.previous_campaign(campaign))
    return _csv(
        exports.to_csv(*exports.result_rows(campaign, rows)), f"resultats-campagne-{campaign.id}"
    )


@bp.get("/campaigns/<int:campaign_id>/evaluations.csv")
@login_required
def export_evaluations(campaign_id):
    campaign = _campaign_or_404(campaign_id)
    require(can_manage_resources(current_user))
    rows = queries.raw_evaluations(campaign)
    return _csv(
        exports.to_csv(*exports.evaluation_rows(campaign, rows)),
        f"evaluations-campagne-{campaign.id}",
    )
