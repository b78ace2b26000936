"""trainings pages."""

from flask import Blueprint

bp = Blueprint("trainings", __name__, url_prefix="/trainings")
