"""SDMX-CSV 1.0 (`DATAFLOW,LAST UPDATE,...`) and 2.0 (`STRUCTURE,STRUCTURE_ID,...`).

Both come with codes or with labels; SDMX-CSV 2.0 "codes and labels" puts a
label column right after each code column, which is ignored here.
"""

from __future__ import annotations

import re

from generator.eurostat.labels import codes_from_labels
from generator.eurostat.records import (
    ParsedFile,
    RawRecord,
    dataset_from_dataflow,
    day_month_year,
    looks_like_codes,
)
from generator.eurostat.source import check_width, csv_rows
from generator.problems import Location, Problems

_META = {
    "DATAFLOW", "LAST UPDATE", "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION",
    "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG", "OBS_STATUS", "CONF_STATUS", "OBS_COMMENT",
}  # fmt: skip
_DIMENSION = re.compile(r"^[a-z][a-z0-9_]*$")  # Eurostat dimension ids are lower case


def parse_sdmx(text: str, version: str, where: str, problems: Problems) -> ParsedFile:
    """Raw records of an SDMX-CSV file; `version` is "1.0" or "2.0"."""
    parsed = ParsedFile(f"SDMX-CSV {version}")
    dataflow_column = "DATAFLOW" if version == "1.0" else "STRUCTURE_ID"
    rows = csv_rows(text, where, problems)
    first = next(rows, None)
    if first is None:
        return parsed  # broken quoting on line 1, already reported
    header = [h.strip() for h in first[1]]
    found = _code_columns(header, version, where, problems)
    if found is None:
        return parsed
    columns, labelled = found
    parsed.format_name += " (codes and labels)" if labelled else ""
    required = (dataflow_column, "geo", "TIME_PERIOD", "OBS_VALUE")
    missing = [name for name in required if name not in columns]
    if missing:
        problems.error(
            Location(where, 1),
            f"header lacks required column(s) {', '.join(missing)} for SDMX-CSV {version}",
        )
        return parsed
    dims = [name for name in columns if _DIMENSION.match(name)]
    labels: bool | None = None  # decided from the first data row
    reported: set[tuple[str, str]] = set()
    for line, row in rows:
        if not check_width(line, row, header, where, problems):
            continue
        cells = {name: row[index].strip() for name, index in columns.items()}
        row_dims = {d: cells[d] for d in dims}
        if labels is None:
            labels = not looks_like_codes(list(row_dims.values()))
            parsed.format_name += " (labels)" if labels else ""
        if labels:
            mapped = codes_from_labels(row_dims, Location(where, line), problems, reported)
            if mapped is None:
                continue
            row_dims = mapped
        if not _same_dataset(parsed, cells[dataflow_column], line, where, problems):
            continue
        _note_metadata(parsed, cells)
        value = cells["OBS_VALUE"]
        if value in ("", ":"):
            parsed.missing += 1
            continue
        flag = cells.get("OBS_FLAG", "")
        parsed.records.append(RawRecord(row_dims, cells["TIME_PERIOD"], value, flag, line))
    return parsed


def _code_columns(
    header: list[str], version: str, where: str, problems: Problems
) -> tuple[dict[str, int], bool] | None:
    """Column name -> index for code columns, and whether label columns (2.0) were skipped."""
    columns: dict[str, int] = {}
    previous_is_code = labelled = False
    for index, name in enumerate(header):
        if name in _META or _DIMENSION.match(name):
            if name in columns:
                problems.error(Location(where, 1), f"header repeats column {name!r}")
                return None
            columns[name] = index
            previous_is_code = True
        elif version == "2.0" and previous_is_code:
            previous_is_code = False  # the label column of the code column before it
            labelled = True
        else:
            problems.error(
                Location(where, 1),
                f"unexpected column {name!r} in an SDMX-CSV {version} header",
            )
            return None
    return columns, labelled


def _note_metadata(parsed: ParsedFile, cells: dict[str, str]) -> None:
    """The dataset's title (2.0) and Eurostat's last-update date (1.0), from any row."""
    if not parsed.title and cells.get("STRUCTURE_NAME"):
        parsed.title = cells["STRUCTURE_NAME"]
    stamp = cells.get("LAST UPDATE", "")
    day = day_month_year(stamp) if stamp else None
    if day is not None and (parsed.vintage is None or day > parsed.vintage):
        parsed.vintage, parsed.vintage_note = day, f"LAST UPDATE {stamp} in the file"


def _same_dataset(
    parsed: ParsedFile, dataflow: str, line: int, where: str, problems: Problems
) -> bool:
    dataset = dataset_from_dataflow(dataflow)
    if not dataset:
        problems.error(Location(where, line), f"unrecognised dataflow {dataflow!r}")
        return False
    if parsed.dataset and dataset != parsed.dataset:
        problems.error(
            Location(where, line),
            f"dataflow {dataflow!r} differs from earlier rows ({parsed.dataset}); "
            "import one dataset per file",
        )
        return False
    parsed.dataset = dataset
    return True
