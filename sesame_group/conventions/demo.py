"""Demo data for conventions."""


def seed(scale, rng):
    """Nothing yet."""
