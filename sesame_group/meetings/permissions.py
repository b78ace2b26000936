"""Who may do what in meetings."""

PREDICATES = {}
