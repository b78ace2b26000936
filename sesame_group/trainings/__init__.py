"""Training sessions, days, registrations, waiting list, attendance."""
