"""Number formats for one language, from babel's CLDR data.

The same symbols feed the Vega-Lite `config.locale` (browser and vl-convert
SVG) and the Python-side formatting of tables, tooltips and descriptions, so
a Dutch reader sees a decimal comma everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal

NBSP = "\u00a0"


@lru_cache(maxsize=32)
def _locale(language: str) -> Locale:
    return Locale.parse(language.replace("-", "_"))


def _symbols(language: str) -> dict[str, str]:
    loc = _locale(language)
    return loc.number_symbols.get(loc.default_numbering_system, loc.number_symbols["latn"])


@lru_cache(maxsize=32)
def currency_affixes(language: str) -> tuple[str, str]:
    """Prefix and suffix around a euro amount, e.g. ("€ ", "") for Dutch."""
    pattern = _locale(language).currency_formats["standard"].pattern.split(";")[0]
    head, _, tail = pattern.partition("#")
    tail = tail.lstrip("#,0.")
    return head.replace("¤", "€"), tail.replace("¤", "€")


@lru_cache(maxsize=32)
def d3_number_locale(language: str) -> dict:
    """A d3-format locale (Vega-Lite `config.locale.number`) for `language`."""
    symbols = _symbols(language)
    grouping = _locale(language).decimal_formats[None].grouping
    return {
        "decimal": symbols["decimal"],
        "thousands": symbols["group"],
        "grouping": [grouping[0]],  # d3 repeats the last size, as CLDR does
        "currency": list(currency_affixes(language)),
        "minus": symbols["minusSign"],
    }


def decimals_of(value_text: str) -> int:
    """How many decimals the published figure has ("62.10" -> 2)."""
    _, _, fraction = value_text.partition(".")
    return len(fraction)


@lru_cache(maxsize=65536)
def format_number(value: float, decimals: int, language: str) -> str:
    """A number with exactly `decimals` decimals in the language's notation."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale(language))


@lru_cache(maxsize=65536)
def format_published(value_text: str, language: str) -> str:
    """A published figure as text, keeping its decimals: "62.1" -> "62,1" (nl)."""
    return format_number(float(value_text), decimals_of(value_text), language)


def with_unit(number: str, unit: str, language: str, _: Callable[[str], str]) -> str:
    """A formatted number with its unit: "62,1 %", "€ 17.608", "3,2 per 100"."""
    if unit == "eur":
        prefix, suffix = currency_affixes(language)
        return f"{prefix}{number}{suffix}".replace(" ", NBSP)
    if unit == "rate_per_100":
        return _("{value} per 100").format(value=number)
    return _("{value} %").format(value=number)


@lru_cache(maxsize=65536)
def format_value(value_text: str, unit: str, language: str, _: Callable[[str], str]) -> str:
    """A published figure with its unit, as tables, tooltips and sentences show it."""
    return with_unit(format_published(value_text, language), unit, language, _)


def gap_unit(unit: str, _: Callable[[str], str]) -> str:
    """What a difference between two values is measured in."""
    if unit == "percent":
        return _("percentage points")
    if unit == "rate_per_100":
        return _("points per 100")
    return _("euro")


def axis_title_unit(unit: str, _: Callable[[str], str]) -> str:
    return {"percent": _("%"), "eur": _("euro"), "rate_per_100": _("per 100")}.get(unit, unit)
