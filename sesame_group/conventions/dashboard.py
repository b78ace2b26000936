"""Dashboard panel for conventions."""


def panel(user):
    """(template, context) for the home page, or None."""
    return None
