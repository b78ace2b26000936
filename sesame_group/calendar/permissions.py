"""Who may do what in calendar."""

PREDICATES = {}
