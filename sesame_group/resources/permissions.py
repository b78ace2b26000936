"""Who may do what in resources."""

PREDICATES = {}
