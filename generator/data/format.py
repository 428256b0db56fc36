"""The one row format shared by the bundled data, the loader and the importers.

A row is one published Eurostat figure. `value` keeps the text as published
(no rounding, no re-formatting) and `flag` keeps Eurostat's observation
flags (`u` low reliability, `b` break in series, `e` estimated, `p`
provisional, and combinations such as `bu`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

COLUMNS: tuple[str, ...] = (
    "indicator",  # key of the series, e.g. employment_rate
    "geo",  # Eurostat geo code: AT, EL, EU27_2020, EU28 ...
    "year",  # four digits
    "breakdown",  # citizenship | country_of_birth
    "group",  # NAT, EU27_2020_FOR, NEU27_2020_FOR, FOR, TOTAL ...
    "sex",  # T, F, M
    "age",  # Eurostat age code: Y20-64, Y25-34, Y_GE18, TOTAL ...
    "value",  # number as published, '.' decimal separator
    "unit",  # PC (percent) | EUR
    "flag",  # Eurostat flags as published, may be empty
    "source_dataset",  # Eurostat dataset code, e.g. lfsa_ergan
)

# The one order rows are written in (bundled files, imports): a file written
# twice from the same figures is byte for byte the same, so a refresh's diff
# shows only the figures that changed.
ROW_ORDER: tuple[str, ...] = ("indicator", "breakdown", "group", "geo", "sex", "age", "year")
KEY_COLUMNS: tuple[str, ...] = ("indicator", "geo", "year", "breakdown", "group", "sex", "age")

BREAKDOWNS = ("citizenship", "country_of_birth")
SEXES = ("T", "F", "M")
UNITS = ("PC", "EUR")

# Groups of people compared by the indicators (Eurostat codes). The EU
# composition is part of the code and is never silently joined across codes.
GROUPS = (
    "NAT",  # nationals / native-born
    "EU27_2020_FOR",  # citizens of / born in another EU-27 (2020) country
    "NEU27_2020_FOR",  # non-EU-27 (2020) citizens / born outside the EU-27
    "EU28_FOR",
    "NEU28_FOR",
    "EU27_FOR",  # EU-27 of 2007-2013
    "NEU27_FOR",
    "EU_FOR",  # EU composition not fixed by the source
    "NEU_FOR",
    "FOR",  # all foreign citizens / foreign-born
    "TOTAL",
)

# Aggregates carry their composition in the code; EU28 and EU27_2020 are
# different populations and are labelled, never merged into one line.
EU_AGGREGATES = ("EU27_2020", "EU28", "EU27_2007", "EU")


# A float holds 15 significant digits exactly; a longer figure (or 1e309,
# which is infinite as a float) cannot be what a statistics office published.
MAX_DIGITS = 15
_PLAIN_NUMBER = re.compile(r"-?([0-9]+)(?:\.([0-9]+))?")


def value_problem(text: str) -> str | None:
    """Why `text` is not a storable figure, or None when it is one."""
    match = _PLAIN_NUMBER.fullmatch(text)
    if match is None:
        return (
            f"value '{_shown(text)}' is not a number; expected a number with '.' as decimal "
            "separator and no thousands separator, e.g. 12.5 or 16954"
        )
    digits = len(match.group(1).lstrip("0")) + len(match.group(2) or "")
    if digits > MAX_DIGITS:
        return (
            f"value '{_shown(text)}' has {digits} digits; a published figure has at most "
            f"{MAX_DIGITS}"
        )
    return None


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def row_sort_key(row: dict[str, str]) -> tuple[str | int, ...]:
    """`ROW_ORDER` for a row as written (year compared as a number)."""
    return tuple(int(row[c]) if c == "year" else row[c] for c in ROW_ORDER)


@dataclass(frozen=True, slots=True)
class Observation:
    indicator: str
    geo: str
    year: int
    breakdown: str
    group: str
    sex: str
    age: str
    value: float
    value_text: str  # exactly as published, for tables and CSV downloads
    unit: str
    flag: str
    source_dataset: str

    @property
    def low_reliability(self) -> bool:
        return "u" in self.flag

    def as_row(self) -> dict[str, str]:
        """The row as written to CSV, columns in `COLUMNS` order."""
        return {
            "indicator": self.indicator,
            "geo": self.geo,
            "year": str(self.year),
            "breakdown": self.breakdown,
            "group": self.group,
            "sex": self.sex,
            "age": self.age,
            "value": self.value_text,
            "unit": self.unit,
            "flag": self.flag,
            "source_dataset": self.source_dataset,
        }


@dataclass(frozen=True, slots=True)
class DatasetSource:
    """Who published the rows of one dataset code, and when they were taken.

    Declared per resource in a data package (`sources` of the resource); a
    chart's source line is made from the sources of the rows it plots.
    """

    code: str  # the rows' source_dataset, e.g. lfsa_ergan or a publisher's own code
    publisher: str  # "Eurostat", or the publisher a local data package names
    title: str = ""
    url: str | None = None
    vintage: dt.date | None = None  # Eurostat's "last update" / extraction date
    # where the date comes from: "file", "option", "file modification date", or
    # "unknown" (then `vintage` is None and `vintage_note` says what is known)
    vintage_basis: str = ""
    vintage_note: str = ""  # e.g. "LAST UPDATE 21/03/25 in the SDMX-CSV file"

    @property
    def is_eurostat(self) -> bool:
        return self.publisher == "Eurostat"
