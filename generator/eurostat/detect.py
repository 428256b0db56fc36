"""Which Eurostat download format a file is, judged from its first line."""

from __future__ import annotations

import csv
import re
from enum import StrEnum

from generator.data.format import COLUMNS
from generator.problems import Location, Problems


class Format(StrEnum):
    TSV = "tsv"
    SDMX_1 = "sdmx-csv-1.0"
    SDMX_2 = "sdmx-csv-2.0"
    LEGACY_CSV = "legacy-csv"
    JSON_STAT = "json-stat"
    TOOLKIT = "toolkit-csv"  # a publisher's own figures, already in the toolkit's row format


# Shown when a header is not recognised, so the contributor knows what to download.
ACCEPTED = (
    "Eurostat bulk TSV (`freq,...,geo\\TIME_PERIOD` then tab-separated years), "
    "SDMX-CSV 1.0 (`DATAFLOW,LAST UPDATE,...`), "
    "SDMX-CSV 2.0 (`STRUCTURE,STRUCTURE_ID,...`), "
    'legacy bulk CSV (`"TIME","GEO",...,"Value"`), JSON-stat 2.0, '
    "or a publisher's own figures in the toolkit's format (header "
    + ",".join(COLUMNS)
    + ")"
)

# `geo\TIME_PERIOD` (since 2023) or `geo\time` (older bulk files).
_TSV_FIRST_CELL = re.compile(r"^[A-Za-z0-9_]+(,[A-Za-z0-9_]+)*\\(TIME_PERIOD|time)\s*$")


def detect_format(header: str) -> Format | None:
    """The format whose header this is, or None."""
    header = header.lstrip("\ufeff")
    if header.lstrip().startswith("{"):
        return Format.JSON_STAT
    if "\t" in header and _TSV_FIRST_CELL.match(header.split("\t", 1)[0]):
        return Format.TSV
    cells = [c.strip() for c in next(csv.reader([header]), [])]
    if cells[:1] == ["DATAFLOW"]:
        return Format.SDMX_1
    if cells[:2] == ["STRUCTURE", "STRUCTURE_ID"]:
        return Format.SDMX_2
    if tuple(cells) == COLUMNS:
        return Format.TOOLKIT
    if {"TIME", "GEO", "Value"} <= set(cells):
        return Format.LEGACY_CSV
    return None


def detect(header: str, where: str, problems: Problems) -> Format | None:
    """Like `detect_format`, reporting an unknown header at line 1."""
    found = detect_format(header)
    if found is None:
        shown = header if len(header) <= 80 else header[:77] + "..."
        problems.error(
            Location(where, 1),
            f"unrecognised header {shown!r}; accepted formats: {ACCEPTED}",
        )
    return found
