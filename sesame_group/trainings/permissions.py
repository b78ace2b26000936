"""Who may do what in trainings."""

from sesame_group.core.permissions import is_authenticated, is_coordinator, is_librarian


def can_manage_trainings(user, obj=None) -> bool:
    """Create, edit, publish, cancel sessions; record attendance; exports."""
    return is_coordinator(user)


def can_view_training(user, session) -> bool:
    if not is_authenticated(user) or session is None:
        return False
    return is_coordinator(user) or session.status != "draft"


def can_register(user, session) -> bool:
    """Register myself (librarians only, on a visible session)."""
    return is_librarian(user) and session is not None and session.status == "published"


def can_cancel_registration(user, registration) -> bool:
    if registration is None or registration.status == "cancelled":
        return False
    return is_coordinator(user) or (is_authenticated(user) and user.id == registration.user_id)


def can_view_history(user, obj=None) -> bool:
    return is_librarian(user)


PREDICATES = {
    "can_manage_trainings": can_manage_trainings,
    "can_view_training": can_view_training,
    "can_register_training": can_register,
    "can_cancel_registration": can_cancel_registration,
    "can_view_training_history": can_view_history,
}
