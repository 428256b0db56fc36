"""The rows a chart plots: one dict per point, every label preformatted.

Labels are formatted here, in Python, so tooltips match the table and the
sentences in every language. `series` is what the legend shows; `line`
splits a series where its population changes (composition.py), so no line
joins two compositions of the EU.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from generator.data.format import Observation

from .composition import segment
from .labels import area_label, flag_note, group_label
from .locale import decimals_of, format_number, format_value, gap_unit, with_unit

Gettext = Callable[[str], str]
Pair = dict[str, Observation]  # {group: observation}, same area, sex and year


def value_label(o: Observation, unit: str, language: str, _: Gettext) -> str:
    value = format_value(o.value_text, unit, language, _)
    return f"{value} (u)" if o.low_reliability else value


def observation_record(o: Observation, series: str, groups: tuple[str, ...], unit: str,
                       language: str, _: Gettext) -> dict:
    return _sparse({
        "geo": o.geo,
        "area": area_label(o.geo, language, _, o.year),
        "series": series,
        "group": o.group,
        "group_label": group_label(o.group, o.breakdown, _, o.year),
        "year": o.year,
        "value": o.value,
        "value_label": value_label(o, unit, language, _),
        "flags": flag_note(o.flag, _) or "–",
        "low": o.low_reliability,
        "line": segment(o.geo, groups, o.year),
    })


def _sparse(record: dict) -> dict:
    """Without the false and empty fields (undefined reads as false in Vega): smaller pages."""
    if not record["low"]:
        del record["low"]
    if not record["line"]:
        del record["line"]
    return record


def difference(pair: Pair, non_eu: str, reference: str) -> float:
    """Non-EU group minus the reference group (negative: the non-EU value is lower)."""
    return pair[non_eu].value - pair[reference].value


def difference_decimals(pair: Pair) -> int:
    return max(decimals_of(o.value_text) for o in pair.values())


def difference_text(pair: Pair, non_eu: str, reference: str) -> str:
    """The computed difference as data ("-12.5"): '.' decimals, as many as the inputs have."""
    text = f"{difference(pair, non_eu, reference):.{difference_decimals(pair)}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def signed(gap: float, decimals: int, unit: str, language: str, _: Gettext) -> str:
    """A difference with its sign in front of any currency symbol: "-€4,997", "+6.8 percentage points"."""
    number = format_number(abs(gap), decimals, language)
    sign = "+" if gap > 0 else format_number(-1, 0, language)[:-1] if gap < 0 else ""
    if unit == "eur":
        return sign + with_unit(number, unit, language, _)
    return f"{sign}{number} {gap_unit(unit, _)}"


def signed_number(gap: float, decimals: int, unit: str, language: str, _: Gettext) -> str:
    """A difference in a table cell: "-12.5" (the header names the unit), "-€4,997"."""
    if unit == "eur":
        return signed(gap, decimals, unit, language, _)
    sign = "+" if gap > 0 else format_number(-1, 0, language)[:-1] if gap < 0 else ""
    return sign + format_number(abs(gap), decimals, language)


def unsigned(gap: float, decimals: int, unit: str, language: str, _: Gettext) -> str:
    """A difference without its sign: "13.0 percentage points"."""
    number = format_number(abs(gap), decimals, language)
    if unit == "eur":
        return with_unit(number, unit, language, _)
    return f"{number} {gap_unit(unit, _)}"


def difference_record(pair: Pair, *, geo: str, year: int, series: str, non_eu: str, reference: str,
                      unit: str, language: str, _: Gettext) -> dict:
    """One point of a difference chart. Shared between the charts that plot it
    (the EU's on every country profile): read it, do not change it."""
    return _difference_record(pair[non_eu], pair[reference], geo, year, series, unit, language, _)


@lru_cache(maxsize=8192)
def _difference_record(ours: Observation, theirs: Observation, geo: str, year: int, series: str, unit: str,
                       language: str, _: Gettext) -> dict:
    non_eu, reference = ours.group, theirs.group
    pair = {non_eu: ours, reference: theirs}
    gap = difference(pair, non_eu, reference)
    flags = "; ".join(f for f in (flag_note(ours.flag, _), flag_note(theirs.flag, _)) if f)
    return _sparse({
        "area": area_label(geo, language, _, year),
        "series": series,
        "year": year,
        "gap": round(gap, 6),
        "gap_label": signed(gap, difference_decimals(pair), unit, language, _),
        "value_label": value_label(ours, unit, language, _),
        "reference_label": value_label(theirs, unit, language, _),
        "flags": flags or "–",
        "low": ours.low_reliability or theirs.low_reliability,
        "line": segment(geo, (non_eu, reference), year),
    })
