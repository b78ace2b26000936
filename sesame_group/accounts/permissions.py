"""Who may do what with accounts."""

from sesame_group.core.permissions import is_authenticated, is_coordinator


def can_manage_members(user) -> bool:
    return is_coordinator(user)


def can_edit_profile(user, target) -> bool:
    return is_authenticated(user) and user.id == target.id


def can_read_audit_log(user) -> bool:
    return is_coordinator(user)


PREDICATES = {
    "can_manage_members": can_manage_members,
    "can_edit_profile": can_edit_profile,
    "can_read_audit_log": can_read_audit_log,
}
