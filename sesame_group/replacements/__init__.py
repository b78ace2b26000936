"""Staff absences against opening hours, and the replacement plan."""
