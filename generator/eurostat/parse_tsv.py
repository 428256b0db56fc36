"""Eurostat bulk TSV: `freq,unit,...,geo\\TIME_PERIOD<TAB>2015 <TAB>...`, cells `70.4 b`, `: u`."""

from __future__ import annotations

from generator.eurostat.records import ParsedFile, RawRecord
from generator.problems import Location, Problems

FORMAT_NAME = "Eurostat bulk TSV"


def parse_tsv(text: str, where: str, problems: Problems) -> ParsedFile:
    """Raw records of a bulk TSV; the dataset code is not in the file (caller supplies it)."""
    parsed = ParsedFile(FORMAT_NAME)
    lines = text.splitlines()  # handles the CRLF Eurostat writes
    header = lines[0].split("\t")
    dims = [d.strip() for d in header[0].split("\\", 1)[0].split(",")]
    times = [t.strip() for t in header[1:]]
    if not _header_ok(dims, times, where, problems):
        return parsed
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue  # blank lines (e.g. at the end) carry no data
        cells = line.split("\t")
        if len(cells) != len(header):
            hint = "the file looks truncated" if len(cells) < len(header) else "extra cells"
            problems.error(
                Location(where, number),
                f"row has {len(cells)} cells but the header has {len(header)} ({hint})",
            )
            continue
        keys = [k.strip() for k in cells[0].split(",")]
        if len(keys) != len(dims):
            problems.error(
                Location(where, number, 1),
                f"row key {cells[0]!r} has {len(keys)} parts; the header names "
                f"{len(dims)} dimensions ({','.join(dims)})",
            )
            continue
        row_dims = dict(zip(dims, keys, strict=True))
        column = len(cells[0]) + 2  # 1-based column of the first value cell
        for time, cell in zip(times, cells[1:], strict=True):
            _read_cell(cell, row_dims, time, number, column, parsed, where, problems)
            column += len(cell) + 1
    return parsed


def _header_ok(dims: list[str], times: list[str], where: str, problems: Problems) -> bool:
    at = Location(where, 1)
    if "geo" not in dims:
        problems.error(at, f"header dimensions {','.join(dims)} have no 'geo'")
        return False
    if not times or "" in times:
        problems.error(at, "header has an empty time-period column")
        return False
    if len(set(times)) != len(times):
        problems.error(at, "header repeats a time period")
        return False
    return True


def _read_cell(
    cell: str,
    dims: dict[str, str],
    time: str,
    line: int,
    column: int,
    parsed: ParsedFile,
    where: str,
    problems: Problems,
) -> None:
    # A cell is "<value> <flags>" with a trailing space when unflagged; ':' = not available.
    parts = cell.split()
    if not parts:
        problems.error(
            Location(where, line, column),
            f"empty cell for {time} (Eurostat writes ':' for a missing value)",
        )
        return
    if len(parts) > 2:
        problems.error(Location(where, line, column), f"cell {cell.strip()!r} is not 'value flags'")
        return
    value, flag = parts[0], (parts[1] if len(parts) == 2 else "")
    if value == ":":
        parsed.missing += 1
        return
    parsed.records.append(RawRecord(dict(dims), time, value, flag, line, column))
