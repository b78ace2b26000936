"""actions pages."""

from flask import Blueprint

bp = Blueprint("actions", __name__, url_prefix="/actions")
