"""Users, roles, login, invitations, password reset."""
