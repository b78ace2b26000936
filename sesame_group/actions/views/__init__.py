"""actions pages: one blueprint, views split by audience (proposals, review, programme)."""

from sesame_group.actions.blueprint import bp
from sesame_group.actions.views import programme, proposals, review

__all__ = ["bp", "programme", "proposals", "review"]
