"""Demo data for replacements."""


def seed(scale, rng):
    """Nothing yet."""
