"""Partner and library pages."""

from flask import Blueprint, render_template
from flask_login import login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sesame_group.extensions import db
from sesame_group.network.models import Library

bp = Blueprint("network", __name__, url_prefix="/network")


@bp.get("/libraries")
@login_required
def libraries():
    query = select(Library).options(selectinload(Library.partner)).order_by(Library.name)
    return render_template("network/libraries.html", libraries=db.session.scalars(query).all())
