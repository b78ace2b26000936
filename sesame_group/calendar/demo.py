"""Demo data for calendar."""


def seed(scale, rng):
    """Nothing yet."""
