"""Numbers and amounts in the reader's language: « 1 234,56 € » (French), « €1,234.56 »."""

from decimal import Decimal

from babel.numbers import format_currency, format_decimal
from flask_babel import get_locale


def _locale() -> str:
    return str(get_locale() or "fr")


def format_money(value) -> str:
    if value is None:
        return ""
    return format_currency(Decimal(value), "EUR", locale=_locale())


def format_number(value) -> str:
    if value is None:
        return ""
    return format_decimal(value, locale=_locale())


def format_rate(value) -> str:
    """A per-inhabitant rate with up to four decimals: « 0,15 »."""
    if value is None:
        return ""
    return format_decimal(Decimal(value), format="#,##0.00##", locale=_locale())


GLOBALS = {"format_money": format_money, "format_number": format_number, "format_rate": format_rate}
