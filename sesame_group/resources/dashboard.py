"""Dashboard panel for resources."""


def panel(user):
    """(template, context) for the home page, or None."""
    return None
