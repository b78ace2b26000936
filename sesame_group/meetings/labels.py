"""French labels of meeting kinds, statuses and answers."""

from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "annual_review": _l("Réunion de bilan annuel"),
    "group": _l("Réunion du groupe de suivi"),
    "other": _l("Autre réunion"),
}
STATUS_LABELS = {"draft": _l("Brouillon"), "announced": _l("Annoncée"), "cancelled": _l("Annulée")}
RESPONSE_LABELS = {
    "attending": _l("Je participerai"),
    "not_attending": _l("Je ne participerai pas"),
    "maybe": _l("Peut-être"),
    None: _l("Pas encore répondu"),
}
ANSWER_LABELS = {
    "attending": _l("participe"),
    "not_attending": _l("ne participe pas"),
    "maybe": _l("peut-être"),
    None: _l("sans réponse"),
}


def kind_label(kind):
    return str(KIND_LABELS.get(kind, kind))


def status_label(status):
    return str(STATUS_LABELS.get(status, status))


def answer_label(response):
    return str(ANSWER_LABELS.get(response, response))
