"""conventions pages."""

from flask import Blueprint

bp = Blueprint("conventions", __name__, url_prefix="/conventions")
