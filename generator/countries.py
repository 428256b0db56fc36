"""Country codes and names, as Eurostat writes them.

Eurostat uses ISO 3166-1 alpha-2 except Greece (EL, not GR) and the United
Kingdom (UK, not GB), and adds Kosovo (XK). Names come from pycountry's
ISO 3166 tables and their translations (iso-codes), never from a hand table.
"""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry

_EUROSTAT_TO_ISO = {"EL": "GR", "UK": "GB"}
# ISO codes Eurostat writes differently: GR → EL, GB → UK.
ISO_TO_EUROSTAT = {iso: eurostat for eurostat, iso in _EUROSTAT_TO_ISO.items()}

COUNTRY_CODES: frozenset[str] = frozenset(
    {ISO_TO_EUROSTAT.get(c.alpha_2, c.alpha_2) for c in pycountry.countries} | {"XK"}
)

EU_MEMBER_STATES: tuple[str, ...] = (
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
)  # fmt: skip


def country_problem(code: str) -> str:
    """Why `code` is not a Eurostat country code, with the likely intended one
    ("" when it is one). Shared by content, data and `toolkit new`."""
    import difflib

    cleaned = code.strip()
    if cleaned in COUNTRY_CODES:
        return ""
    try:  # an ISO code Eurostat writes differently (GR, GB), or a name ("Spain")
        iso = pycountry.countries.lookup(cleaned).alpha_2 if cleaned else None
    except LookupError:
        iso = None
    if iso is not None:
        expected = ISO_TO_EUROSTAT.get(iso, iso)
        if expected != cleaned:
            return (f"'{code}' is not a Eurostat country code: Eurostat writes {country_name(expected)} "
                    f"as {expected}; did you mean '{expected}'?")
    close = difflib.get_close_matches(cleaned.upper(), sorted(COUNTRY_CODES), n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return (f"'{code}' is not a Eurostat country code; use the two-letter ISO code in capitals, as "
            f"Eurostat writes it (Greece EL, United Kingdom UK){hint}")


@lru_cache(maxsize=8)
def _translator(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


@lru_cache(maxsize=4096)
def country_name(code: str, language: str = "en") -> str:
    """The common name of a country in `language` (falls back to the code)."""
    if code == "XK":
        english = "Kosovo"
    else:
        record = pycountry.countries.get(alpha_2=_EUROSTAT_TO_ISO.get(code, code))
        if record is None:
            return code
        english = getattr(record, "common_name", None) or record.name
        translated = _translator(language).gettext(english)
        if translated == english and english != record.name:
            translated = _translator(language).gettext(record.name)
        return translated
    return _translator(language).gettext(english)
