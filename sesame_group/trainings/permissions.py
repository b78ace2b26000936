"""Who may do what in trainings."""

PREDICATES = {}
