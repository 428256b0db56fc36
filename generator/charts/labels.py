"""Localized names of groups, areas, ages, units, sexes and Eurostat flags.

Callables are named `_` so the message extractor finds the English keys.
Labels are cached per gettext function: a build asks for the same few
hundred labels tens of thousands of times.
A code that changes composition over time (the `EU` aggregate, the
`EU_FOR`/`NEU_FOR` groups) is named for the year it describes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from generator.countries import country_name

from .composition import geo_in, group_in

Gettext = Callable[[str], str]


def group_label(group: str, breakdown: str, _: Gettext, year: int | None = None) -> str:
    """The people a group code stands for; wording follows the breakdown."""
    return _group_label(group_in(group, year) if year is not None else group, breakdown, _)


@lru_cache(maxsize=4096)
def _group_label(group: str, breakdown: str, _: Gettext) -> str:
    if breakdown == "country_of_birth":
        labels = {
            "NAT": _("Native-born people"),
            "NEU27_2020_FOR": _("People born outside the EU"),
            "NEU28_FOR": _("People born outside the EU-28"),
            "NEU27_FOR": _("People born outside the EU-27 (2007-2013)"),
            "NEU_FOR": _("People born outside the EU"),
            "EU27_2020_FOR": _("People born in another EU country"),
            "EU28_FOR": _("People born in another EU-28 country"),
            "EU27_FOR": _("People born in another EU-27 (2007-2013) country"),
            "EU_FOR": _("People born in another EU country"),
            "FOR": _("Foreign-born people"),
            "TOTAL": _("Total"),
        }
    else:
        labels = {
            "NAT": _("Nationals"),
            "NEU27_2020_FOR": _("Non-EU citizens"),
            "NEU28_FOR": _("Non-EU-28 citizens"),
            "NEU27_FOR": _("Non-EU-27 (2007-2013) citizens"),
            "NEU_FOR": _("Non-EU citizens"),
            "EU27_2020_FOR": _("Citizens of another EU country"),
            "EU28_FOR": _("Citizens of another EU-28 country"),
            "EU27_FOR": _("Citizens of another EU-27 (2007-2013) country"),
            "EU_FOR": _("Citizens of another EU country"),
            "FOR": _("Foreign citizens"),
            "TOTAL": _("Total"),
        }
    return labels.get(group, group)


# Languages that capitalise nouns inside a sentence.
_NOUN_CAPITALS = ("de", "lb")


def in_sentence(label: str, language: str) -> str:
    """A label inside running text: "Non-EU citizens" -> "non-EU citizens".

    Only the first letter, only when the second is lower case (so "EU-28"
    stays), and never in languages that capitalise nouns.
    """
    if language.split("_")[0].split("-")[0] in _NOUN_CAPITALS or len(label) < 2:
        return label
    return label[0].lower() + label[1:] if label[1].islower() else label


@lru_cache(maxsize=4096)
def composition_label(code: str, _: Gettext) -> str:
    """An EU aggregate by its composition: "EU-28", "EU-27 (2020)"."""
    return {
        "EU27_2020": _("EU-27 (2020)"),
        "EU28": _("EU-28"),
        "EU27_2007": _("EU-27 (2007-2013)"),
        "EU25": _("EU-25"),
        "EU15": _("EU-15"),
        "EU": _("EU (changing composition)"),
    }.get(code, code)


def area_label(geo: str, language: str, _: Gettext, year: int | None = None) -> str:
    """A country or an EU aggregate; aggregates keep their composition."""
    if year is not None:
        geo = geo_in(geo, year)
    if geo.startswith("EU"):
        return composition_label(geo, _)
    return country_name(geo, language)


def area_in_sentence(geo: str, language: str, _: Gettext, year: int | None = None) -> str:
    """An area where running text names it ("in {place}"): "the EU-28", "the Netherlands"."""
    if year is not None:
        geo = geo_in(geo, year)
    if geo.startswith("EU"):
        return _("the {area}").format(area=composition_label(geo, _))
    phrases = {"NL": _("the Netherlands"), "UK": _("the United Kingdom")}
    phrase = phrases.get(geo)
    english = {"NL": "the Netherlands", "UK": "the United Kingdom"}.get(geo)
    if phrase is None or (phrase == english and not language.startswith("en")):
        return country_name(geo, language)  # no article (or no translation of one)
    return phrase


@lru_cache(maxsize=4096)
def sex_label(sex: str, _: Gettext) -> str:
    return {"T": _("Total"), "F": _("Women"), "M": _("Men")}.get(sex, sex)


_RANGE = re.compile(r"Y?(\d+)-(\d+)")
_FROM = re.compile(r"Y_GE(\d+)|(\d+) or over")


@lru_cache(maxsize=4096)
def age_label(age: str, _: Gettext) -> str:
    """An age band as a reader says it, from Eurostat's code or the indicator's text.

    "Y20-64" or "20-64" -> "20 to 64 years"; "Y_GE18" or "18 or over" ->
    "18 years or over"; "TOTAL" or "all ages" -> "all ages".
    """
    if match := _RANGE.fullmatch(age):
        return _("{low} to {high} years").format(low=match.group(1), high=match.group(2))
    if match := _FROM.fullmatch(age):
        return _("{age} years or over").format(age=match.group(1) or match.group(2))
    if age in ("TOTAL", "all ages"):
        return _("all ages")
    if age == "not applicable":
        return _("not applicable")
    return age


def who(group: str, breakdown: str, age: str, language: str, _: Gettext,
        year: int | None = None) -> str:
    """A group with its age band, inside a sentence: "non-EU citizens aged 20 to 64"."""
    label = in_sentence(group_label(group, breakdown, _, year), language)
    if match := _RANGE.fullmatch(age):
        return _("{group} aged {low} to {high}").format(
            group=label, low=match.group(1), high=match.group(2))
    if match := _FROM.fullmatch(age):
        return _("{group} aged {age} or over").format(group=label, age=match.group(1) or match.group(2))
    return label  # all ages: the definition says so; no band to name


@lru_cache(maxsize=4096)
def unit_label(unit: str, _: Gettext) -> str:
    """What the indicator's values are measured in (indicator.unit)."""
    return {"percent": _("percent"), "eur": _("euro"),
            "rate_per_100": _("per 100 resident non-citizens")}.get(unit, unit)


def flag_meaning(flag: str, _: Gettext) -> str:
    return {
        "b": _("break in series"),
        "u": _("low reliability"),
        "e": _("estimated"),
        "p": _("provisional"),
        "d": _("definition differs"),
        "c": _("confidential"),
        "n": _("not significant"),
        "r": _("revised"),
        "s": _("Eurostat estimate"),
        "z": _("not applicable"),
    }.get(flag, flag)


@lru_cache(maxsize=4096)
def flag_note(flag: str, _: Gettext) -> str:
    """Eurostat's flags spelled out: "bu" -> "b: break in series; u: low reliability"."""
    return "; ".join(f"{c}: {flag_meaning(c, _)}" for c in flag)
