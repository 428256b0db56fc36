"""English Eurostat labels back to Eurostat codes, for the 'labels' download variants.

Only dimensions with a code list here are translated; an unknown label in one
of them is an error. Other dimensions keep their label, which is then only
used to tell series apart.
"""

from __future__ import annotations

import re

import pycountry

from generator.countries import ISO_TO_EUROSTAT
from generator.problems import Location, Problems

_GEO = {
    "european union - 27 countries (from 2020)": "EU27_2020",
    "european union - 28 countries (2013-2020)": "EU28",
    "european union - 28 countries": "EU28",
    "european union - 27 countries (2007-2013)": "EU27_2007",
    "european union - 15 countries (1995-2004)": "EU15",
    "greece": "EL",
    "united kingdom": "UK",
    "kosovo*": "XK",
    "kosovo (under united nations security council resolution 1244/99)": "XK",
    "kosovo": "XK",
    "türkiye": "TR",
    "turkey": "TR",
    "czechia": "CZ",
    "czech republic": "CZ",
    "moldova": "MD",
    "russia": "RU",
    "germany (until 1990 former territory of the frg)": "DE",
    "former yugoslav republic of macedonia, the": "MK",
    "north macedonia": "MK",
}
# ISO codes Eurostat replaces by its own.

# citizen and c_birth share Eurostat's code list.
_GROUPS = {
    "total": "TOTAL",
    "reporting country": "NAT",
    "foreign country": "FOR",
    "eu27 countries (from 2020) except reporting country": "EU27_2020_FOR",
    "non-eu27 countries (from 2020) nor reporting country": "NEU27_2020_FOR",
    "eu28 countries (2013-2020) except reporting country": "EU28_FOR",
    "non-eu28 countries (2013-2020) nor reporting country": "NEU28_FOR",
    "eu28 countries except reporting country": "EU28_FOR",
    "non-eu28 countries nor reporting country": "NEU28_FOR",
    # Pre-2020 files: "EU27" is the 2007-2013 Union, a different code.
    "eu27 countries except reporting country": "EU27_FOR",
    "non-eu27 countries nor reporting country": "NEU27_FOR",
    "eu27 countries (2007-2013) except reporting country": "EU27_FOR",
    "non-eu27 countries (2007-2013) nor reporting country": "NEU27_FOR",
    "eu15 countries except reporting country": "EU15_FOR",
    "non-eu15 countries nor reporting country": "NEU15_FOR",
    "stateless": "STLS",
    "unknown": "UNK",
}

_CODE_LISTS: dict[str, dict[str, str]] = {
    "freq": {"annual": "A", "semi-annual": "S", "quarterly": "Q", "monthly": "M"},
    "sex": {"total": "T", "females": "F", "males": "M", "female": "F", "male": "M"},
    "unit": {
        "percentage": "PC",
        "euro": "EUR",
        "number": "NR",
        "thousand persons": "THS_PER",
        "purchasing power standard (pps)": "PPS",
        "national currency": "NAC",
    },
    "citizen": _GROUPS,
    "c_birth": _GROUPS,
    "indic_il": {
        "median equivalised net income": "MED_E",
        "mean equivalised net income": "MEAN_E",
    },
    "isced11": {
        "all isced 2011 levels": "TOTAL",
        "less than primary, primary and lower secondary education (levels 0-2)": "ED0-2",
        "upper secondary and post-secondary non-tertiary education (levels 3 and 4)": "ED3_4",
        "tertiary education (levels 5-8)": "ED5-8",
    },
    "levl_hlth": {
        "very good": "VG",
        "good": "G",
        "fair": "FAIR",
        "bad": "B",
        "very bad": "VB",
        "very good or good": "VG_G",
        "bad or very bad": "B_VB",
    },
    "indic_mg": {
        "share of foreign citizens who have acquired citizenship": "FOR_P_HHAB",
        "share of non-eu citizens who have acquired citizenship": "NEU_P_HHAB",
        "share of eu citizens who have acquired citizenship": "EU_P_HHAB",
    },
}

_AGE_PATTERNS = (
    (re.compile(r"^from (\d+) to (\d+) years$"), "Y{0}-{1}"),
    (re.compile(r"^(\d+) years or over$"), "Y_GE{0}"),
    (re.compile(r"^less than (\d+) years$"), "Y_LT{0}"),
)

LABELLED_DIMENSIONS = frozenset({*_CODE_LISTS, "geo", "age"})


def _norm(label: str) -> str:
    # Eurostat labels vary in case, spacing and dash style between vintages.
    return " ".join(label.replace("\u2013", "-").split()).casefold()


def geo_code(label: str) -> str | None:
    key = _norm(label)
    if key in _GEO:
        return _GEO[key]
    if key.startswith("european union (eu6-1958"):
        return "EU"  # the Union of each year (changing composition)
    if euro_area := re.match(r"^euro area\s*[-(]\s*(\d+) countries", key):
        return f"EA{euro_area.group(1)}"
    if key.startswith("euro area (ea11"):
        return "EA"
    if len(key) <= 3:
        return None  # pycountry would match alpha codes; a label is never that short
    try:
        iso = pycountry.countries.lookup(label.strip()).alpha_2
    except LookupError:
        return None
    return ISO_TO_EUROSTAT.get(iso, iso)


def age_code(label: str) -> str | None:
    key = _norm(label)
    if key == "total":
        return "TOTAL"
    for pattern, template in _AGE_PATTERNS:
        if match := pattern.match(key):
            return template.format(*match.groups())
    return None


def code_for(dimension: str, label: str) -> str | None:
    """Eurostat code of `label` in `dimension`; None if the label is unknown."""
    if dimension == "geo":
        return geo_code(label)
    if dimension == "age":
        return age_code(label)
    return _CODE_LISTS.get(dimension, {}).get(_norm(label))


def codes_from_labels(
    dims: dict[str, str],
    location: Location,
    problems: Problems,
    reported: set[tuple[str, str]] | None = None,
) -> dict[str, str] | None:
    """The same dimensions with codes instead of labels; None after reporting a problem.

    `reported` (shared across a file's rows) keeps one error per unknown label
    instead of one per row.
    """
    codes: dict[str, str] = {}
    ok = True
    for dimension, label in dims.items():
        if dimension not in LABELLED_DIMENSIONS:
            codes[dimension] = label
            continue
        code = code_for(dimension, label)
        if code is None:
            ok = False
            if reported is not None:
                if (dimension, label) in reported:
                    continue
                reported.add((dimension, label))
            problems.error(
                location,
                f"column {dimension!r}: label {label!r} has no known Eurostat code "
                "(download the file with codes instead, or report the label)",
                field=dimension,
            )
        else:
            codes[dimension] = code
    return codes if ok else None
