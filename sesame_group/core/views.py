"""Site-wide pages: health check, accessibility statement, site map, language, audit log."""

from flask import Blueprint, abort, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user
from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload

from sesame_group.core.audit import AuditEntry
from sesame_group.core.i18n import LANGUAGES
from sesame_group.core.pagination import paginate
from sesame_group.core.permissions import coordinator_required
from sesame_group.core.urls import safe_next
from sesame_group.extensions import db

bp = Blueprint("core", __name__)


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unavailable"), 503
    return jsonify(status="ok", database="ok")


@bp.get("/accessibilite")
def accessibility():
    return render_template("core/accessibility.html")


@bp.get("/plan-du-site")
def sitemap():
    return render_template("core/sitemap.html")


@bp.get("/langue/<lang>")
def language(lang):
    if lang not in LANGUAGES:
        abort(404)
    session["lang"] = lang
    if current_user.is_authenticated:
        current_user.language = lang
        db.session.commit()
    return redirect(safe_next(request.args.get("next")) or url_for("dashboard.index"))


@bp.get("/journal")
@coordinator_required
def audit_log():
    page = request.args.get("page", 1, type=int)
    query = select(AuditEntry).options(selectinload(AuditEntry.actor))
    entries = paginate(query.order_by(AuditEntry.id.desc()), page, 50)
    return render_template("core/audit.html", entries=entries)
