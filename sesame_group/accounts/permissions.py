"""Who may do what with accounts."""

from sesame_group.core.permissions import is_authenticated, is_coordinator


def can_manage_members(user) -> bool:
    return is_coordinator(user)


def can_edit_profile(user, target) -> bool:
    return is_authenticated(user) and user.id == target.id


def can_read_audit_log(user) -> bool:
    return is_coordinator(user)


def can_resend_invitation(user, member) -> bool:
    """Until the member has chosen a password (and while the account is active)."""
    return is_coordinator(user) and member.active and not member.password_hash


def can_deactivate_member(user, member) -> bool:
    """A coordinator never locks themself out."""
    return is_coordinator(user) and member.active and member.id != user.id


def can_reactivate_member(user, member) -> bool:
    return is_coordinator(user) and not member.active


PREDICATES = {
    "can_manage_members": can_manage_members,
    "can_edit_profile": can_edit_profile,
    "can_read_audit_log": can_read_audit_log,
    "can_resend_invitation": can_resend_invitation,
    "can_deactivate_member": can_deactivate_member,
    "can_reactivate_member": can_reactivate_member,
}
