"""The home dashboard: what each person has to do next."""
