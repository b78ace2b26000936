"""replacements pages."""

from flask import Blueprint

bp = Blueprint("replacements", __name__, url_prefix="/replacements")
