"""Pre-2023 database "Download" CSV: `"TIME","GEO",...,"Value","Flag and Footnotes"`.

Usually with labels and a space as thousands separator (`"16 954"`). The
dataset code is not in the data file but in the `..._Label.csv` written
beside it (`"DATASET: ... [ilc_di15]"`), read when present.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.eurostat.labels import codes_from_labels
from generator.eurostat.records import ParsedFile, RawRecord, day_month_year, looks_like_codes
from generator.eurostat.source import check_width, csv_rows
from generator.problems import Location, Problems

FORMAT_NAME = "Eurostat legacy bulk CSV"
_NOT_DIMENSIONS = {"TIME", "Value", "Flag and Footnotes"}
_DATASET_LINE = re.compile(r"DATASET:\s*(.*?)\s*\[([A-Za-z0-9_]+)\]")
_LAST_UPDATE = re.compile(r"LAST UPDATE:\s*([0-9][0-9.:/ ]*[0-9])")


def parse_legacy(text: str, path: Path, where: str, problems: Problems) -> ParsedFile:
    parsed = ParsedFile(FORMAT_NAME)
    _read_label_file(parsed, path)
    rows = csv_rows(text, where, problems)
    first = next(rows, None)
    if first is None:
        return parsed
    header = [h.strip() for h in first[1]]
    if len(set(header)) != len(header):
        problems.error(Location(where, 1), "header repeats a column")
        return parsed
    dims = [h for h in header if h not in _NOT_DIMENSIONS]
    labels: bool | None = None
    reported: set[tuple[str, str]] = set()
    for line, row in rows:
        if not check_width(line, row, header, where, problems):
            continue
        cells = {name: cell.strip() for name, cell in zip(header, row, strict=True)}
        # Upper-case column names are the Eurostat dimension ids (GEO -> geo).
        row_dims = {d.lower(): cells[d] for d in dims}
        if labels is None:
            labels = not looks_like_codes(list(row_dims.values()))
            parsed.format_name += " (labels)" if labels else " (codes)"
        if labels:
            mapped = codes_from_labels(row_dims, Location(where, line), problems, reported)
            if mapped is None:
                continue
            row_dims = mapped
        value = cells["Value"]
        if value in ("", ":"):
            parsed.missing += 1
            continue
        # Thousands separators are spaces (sometimes no-break); the toolkit stores digits only.
        value = value.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
        flag = cells.get("Flag and Footnotes", "")
        parsed.records.append(RawRecord(row_dims, cells["TIME"], value, flag, line))
    return parsed


def _read_label_file(parsed: ParsedFile, path: Path) -> None:
    """Dataset code, title and LAST UPDATE from the `_Label.csv` beside the data file."""
    name = re.sub(r"(\.csv)?(\.gz)?$", "", path.name, flags=re.IGNORECASE)  # x_Data.csv(.gz)
    stem = re.sub(r"(_\d+)?_Data$", "", name)
    for candidate in (path.with_name(f"{name}_Label.csv"), path.with_name(f"{stem}_Label.csv")):
        try:
            head = candidate.read_text(encoding="utf-8-sig", errors="replace")[:2000]
        except OSError:
            continue
        if match := _DATASET_LINE.search(head):
            parsed.title, parsed.dataset = match.group(1), match.group(2).lower()
            if stamp := _LAST_UPDATE.search(head):
                parsed.vintage = day_month_year(stamp.group(1))
                parsed.vintage_note = f"LAST UPDATE: {stamp.group(1)} in {candidate.name}"
            return


def dataset_from_label_file(path: Path) -> str:
    """Dataset code named in the `_Label.csv` beside the data file, or ""."""
    parsed = ParsedFile(FORMAT_NAME)
    _read_label_file(parsed, path)
    return parsed.dataset
