"""Who may follow partners' conventions."""

from sesame_group.core.permissions import is_authenticated, is_coordinator


def can_manage_conventions(user) -> bool:
    return is_coordinator(user)


def can_view_partner_followup(user, partner) -> bool:
    """The coordinator, or the librarians of one of the partner's libraries."""
    if is_coordinator(user):
        return True
    return (
        is_authenticated(user)
        and user.library is not None
        and user.library.partner_id == partner.id
    )


PREDICATES = {
    "can_manage_conventions": can_manage_conventions,
    "can_view_partner_followup": can_view_partner_followup,
}
