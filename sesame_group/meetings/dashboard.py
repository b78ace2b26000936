"""Dashboard panel for meetings."""


def panel(user):
    """(template, context) for the home page, or None."""
    return None
