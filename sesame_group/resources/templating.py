"""Jinja helpers of the resources templates."""

from sesame_group.resources.labels import (
    category_label,
    phase_label,
    recommendation_label,
    usage_label,
)


def bar_class(value, maximum) -> str:
    """CSS width class (w-0 … w-100, steps of 10) for a bar of value out of maximum."""
    if not maximum or not value:
        return "w-0"
    return f"w-{min(100, round(10 * value / maximum) * 10)}"


def decimal_fr(value, places: int = 2) -> str:
    """2.5 -> « 2,50 » in French, « 2.50 » in English; None -> « – »."""
    from babel.numbers import format_decimal
    from flask_babel import get_locale

    if value is None:
        return "–"
    pattern = "#,##0." + "0" * places if places else "#,##0"
    return format_decimal(
        round(float(value), places), format=pattern, locale=str(get_locale() or "fr")
    )


GLOBALS = {"resource_bar_class": bar_class}
FILTERS = {
    "resource_category": category_label,
    "resource_usage": usage_label,
    "resource_recommendation": recommendation_label,
    "resource_phase": phase_label,
    "resource_decimal": decimal_fr,
}
