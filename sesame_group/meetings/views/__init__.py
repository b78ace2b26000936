"""Meetings pages: one blueprint holding the member and the coordinator pages."""

from flask import Blueprint

from sesame_group.meetings.views import manage, members

bp = Blueprint("meetings", __name__, url_prefix="/meetings")
for rule, view, methods in (*members.ROUTES, *manage.ROUTES):
    bp.add_url_rule(rule, view_func=view, methods=list(methods))
