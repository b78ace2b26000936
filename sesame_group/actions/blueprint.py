"""The actions blueprint; views/ registers its routes on it."""

from flask import Blueprint

bp = Blueprint("actions", __name__, url_prefix="/actions")
