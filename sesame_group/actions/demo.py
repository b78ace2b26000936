"""Demo data for actions."""


def seed(scale, rng):
    """Nothing yet."""
