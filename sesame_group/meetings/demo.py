"""Demo data for meetings."""


def seed(scale, rng):
    """Nothing yet."""
