"""Who may do what in actions."""

PREDICATES = {}
