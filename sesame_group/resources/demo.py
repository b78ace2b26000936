"""Demo data for resources."""


def seed(scale, rng):
    """Nothing yet."""
