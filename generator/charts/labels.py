"""Localized names of groups, areas, sexes and Eurostat flags.

Callables are named `_` so the message extractor finds the English keys.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.countries import country_name

Gettext = Callable[[str], str]


def group_label(group: str, breakdown: str, _: Gettext) -> str:
    """The people a group code stands for; wording follows the breakdown."""
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


def area_label(geo: str, language: str, _: Gettext) -> str:
    """A country or an EU aggregate; aggregates keep their composition."""
    aggregates = {
        "EU27_2020": _("EU-27 (2020)"),
        "EU28": _("EU-28"),
        "EU27_2007": _("EU-27 (2007-2013)"),
        "EU": _("EU (changing composition)"),
    }
    return aggregates.get(geo) or country_name(geo, language)


def sex_label(sex: str, _: Gettext) -> str:
    return {"T": _("Total"), "F": _("Women"), "M": _("Men")}.get(sex, sex)


def flag_note(flag: str, _: Gettext) -> str:
    """Eurostat's flags spelled out: "bu" -> "b: break in series; u: low reliability"."""
    meanings = {
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
    }
    return "; ".join(f"{c}: {meanings.get(c, c)}" for c in flag)
