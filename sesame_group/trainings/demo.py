"""Demo data for trainings."""


def seed(scale, rng):
    """Nothing yet."""
