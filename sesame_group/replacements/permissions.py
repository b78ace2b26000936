"""Who may do what in replacements."""

PREDICATES = {}
