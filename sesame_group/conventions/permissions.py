"""Who may do what in conventions."""

PREDICATES = {}
