"""The toolkit CSV an import writes into: read, merge by row key, replace atomically."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from generator.data.format import COLUMNS, Observation
from generator.eurostat.source import read_text
from generator.problems import Location, Problems

# A row's identity; an imported row replaces an existing row with the same key.
KEY_COLUMNS = ("indicator", "geo", "year", "breakdown", "group", "sex", "age")

Row = dict[str, str]


def read_rows(path: Path, where: str, problems: Problems) -> list[Row] | None:
    """Rows already in the output file ([] if it does not exist); None after a problem."""
    if not path.exists():
        return []
    text = read_text(path, where, problems)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[Row] = []
    try:
        header = next(reader, None)
        if header is None:
            return []  # an empty file is as good as none
        if tuple(header) != COLUMNS:
            problems.error(
                Location(where, 1),
                f"existing file's header is not the toolkit format ({','.join(COLUMNS)}); "
                "refusing to merge into it",
            )
            return None
        for cells in reader:
            if not cells:
                continue
            if len(cells) != len(COLUMNS) or not cells[2].isdigit():
                problems.error(
                    Location(where, reader.line_num),
                    "malformed row in the existing file (wrong cell count or year)",
                )
                return None
            rows.append(dict(zip(COLUMNS, cells, strict=True)))
    except csv.Error as exc:
        problems.error(Location(where, reader.line_num), f"existing file is malformed CSV ({exc})")
        return None
    return rows


def merge(existing: list[Row], observations: list[Observation]) -> list[Row]:
    """Existing rows, with those that share a key with an imported row replaced; sorted."""
    merged = {_key(row): row for row in existing}
    for observation in observations:
        row = observation.as_row()
        merged[_key(row)] = row
    return sorted(merged.values(), key=_sort_key)


def write_atomically(path: Path, rows: list[Row]) -> None:
    """Write via a temporary file in the same folder so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _key(row: Row) -> tuple[str, ...]:
    return tuple(row[column] for column in KEY_COLUMNS)


def _sort_key(row: Row) -> tuple[str | int, ...]:
    return (row["indicator"], row["geo"], row["breakdown"], row["group"], row["sex"],
            row["age"], int(row["year"]))  # fmt: skip
