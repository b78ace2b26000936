"""resources pages."""

from flask import Blueprint

bp = Blueprint("resources", __name__, url_prefix="/resources")
