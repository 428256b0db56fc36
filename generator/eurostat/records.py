"""The raw record every parser produces, before any toolkit meaning is applied."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

# Eurostat codes are upper-case letters, digits, '_' and '-' (AT, Y_GE18, ED0-2).
CODE_RE = re.compile(r"^[A-Z0-9_\-]+$")
# `ESTAT:ILC_DI15$DEFAULTVIEW(1.0)` / `ESTAT:LFSA_ERGAN(1.0)` / `LFSA_ERGAN` -> the dataset id.
_DATAFLOW_RE = re.compile(r"^(?:[A-Za-z0-9_.]+:)?([A-Za-z0-9_]+)(?:\$[^()]*)?(?:\([^)]*\))?$")


@dataclass(frozen=True)
class RawRecord:
    """One published cell: Eurostat dimension codes, period, value text and flag."""

    dims: dict[str, str]
    time: str
    value_text: str
    flag: str
    line: int
    column: int = 0


@dataclass
class ParsedFile:
    """What a parser read from one file; `dataset` is "" when the file does not say."""

    format_name: str
    dataset: str = ""
    records: list[RawRecord] = field(default_factory=list)
    missing: int = 0  # cells published as ':' / empty, skipped but counted
    title: str = ""  # the dataset's title, where the file gives it
    vintage: dt.date | None = None  # Eurostat's last-update date, where the file gives it
    vintage_note: str = ""  # what the file says, e.g. "LAST UPDATE 21/03/25 23:00:00"


def day_month_year(text: str) -> dt.date | None:
    """`21/03/25 23:00:00` or `23.10.19 11:21:00` (Eurostat's two-digit years) as a date."""
    match = re.match(r"^\s*(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})\b", text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        return None


def dataset_from_dataflow(text: str) -> str:
    """Dataset code from an SDMX dataflow reference, lower-cased; "" if unrecognisable."""
    match = _DATAFLOW_RE.match(text.strip())
    return match.group(1).lower() if match else ""


def looks_like_codes(values: list[str]) -> bool:
    """True when every dimension value is a Eurostat code (the 'labels' download is not)."""
    return all(CODE_RE.match(v) for v in values if v)
