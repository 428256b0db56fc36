"""`import_file`: one Eurostat download -> rows of the toolkit's data format.

Two phases: the whole file is read and checked first; only when no error was
found is the output file (re)written, atomically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.eurostat.convert import convert
from generator.eurostat.detect import Format, detect
from generator.eurostat.output import merge, read_rows, write_atomically
from generator.eurostat.parse_jsonstat import parse_jsonstat
from generator.eurostat.parse_legacy import parse_legacy
from generator.eurostat.parse_sdmx import parse_sdmx
from generator.eurostat.parse_tsv import parse_tsv
from generator.eurostat.records import ParsedFile
from generator.eurostat.source import first_line, read_text
from generator.problems import Location, Problems, display_path

_DATASET_CODE = re.compile(r"^[a-z0-9_]+$")


@dataclass(frozen=True)
class ImportReport:
    rows: int
    skipped_missing: int
    indicators: tuple[str, ...]
    geos: tuple[str, ...]
    years: tuple[int, ...]
    flags_count: int
    format_name: str
    dataset: str
    source: str = ""  # the imported file, as displayed
    target: str = ""  # the CSV written
    skipped_other: int = 0  # rows not used or not placeable (warned)

    def summary(self) -> str:
        span = f"{self.years[0]}–{self.years[-1]}" if len(self.years) > 1 else str(self.years[0])
        skipped = f"{self.flags_count} flagged, {self.skipped_missing} missing skipped"
        if self.skipped_other:
            skipped += f", {self.skipped_other} other skipped"
        return (
            f"imported {_n(self.rows, 'row')} ({_n(len(self.indicators), 'indicator')}, "
            f"{_n(len(self.geos), 'country', 'countries')}, {span}; {skipped}) "
            f"from {self.source} ({self.format_name}, {self.dataset}) into {self.target}"
        )


def import_file(
    path: Path,
    out_csv: Path,
    *,
    dataset: str | None,
    indicator: str | None,
    problems: Problems,
) -> ImportReport | None:
    """Import one Eurostat download into `out_csv`; None (nothing written) on any error."""
    found = Problems()
    report = _import(path, out_csv, dataset, indicator, found)
    problems.extend(found)
    return report


def _import(
    path: Path, out_csv: Path, dataset: str | None, indicator: str | None, problems: Problems
) -> ImportReport | None:
    where, target = display_path(path), display_path(out_csv)
    text = read_text(path, where, problems)
    if text is None:
        return None
    if not text.strip():
        problems.error(Location(where, 1), "file is empty")
        return None
    parsed = _parse(text, path, where, problems)
    if parsed is None or (problems.errors and not parsed.records):
        return None  # unreadable structure: further checks would only add noise
    if not _resolve_dataset(parsed, dataset, where, problems):
        return None
    conversion = convert(parsed, indicator, where, problems)
    if not problems.errors and not conversion.observations:
        problems.error(Location(where), "no rows to import (all missing or skipped)")
    existing = read_rows(out_csv, target, problems)
    if problems.errors or existing is None:
        return None  # validate everything first: a failed import writes nothing
    observations = conversion.observations
    try:
        write_atomically(out_csv, merge(existing, observations))
    except OSError as exc:
        problems.error(Location(target), f"cannot write: {exc.strerror or exc}")
        return None
    return ImportReport(
        rows=len(observations),
        skipped_missing=parsed.missing,
        indicators=tuple(sorted({o.indicator for o in observations})),
        geos=tuple(sorted({o.geo for o in observations})),
        years=tuple(sorted({o.year for o in observations})),
        flags_count=sum(1 for o in observations if o.flag),
        format_name=parsed.format_name,
        dataset=parsed.dataset,
        source=where,
        target=target,
        skipped_other=conversion.skipped,
    )


def _parse(text: str, path: Path, where: str, problems: Problems) -> ParsedFile | None:
    found = detect(first_line(text), where, problems)
    if found is Format.TSV:
        return parse_tsv(text, where, problems)
    if found is Format.SDMX_1:
        return parse_sdmx(text, "1.0", where, problems)
    if found is Format.SDMX_2:
        return parse_sdmx(text, "2.0", where, problems)
    if found is Format.LEGACY_CSV:
        return parse_legacy(text, path, where, problems)
    if found is Format.JSON_STAT:
        return parse_jsonstat(text, where, problems)
    return None


def _resolve_dataset(
    parsed: ParsedFile, dataset: str | None, where: str, problems: Problems
) -> bool:
    """The file's own dataset code, or the caller's where the file does not carry one."""
    given = (dataset or "").strip().lower()
    at = Location(where, 1)
    if given and not _DATASET_CODE.match(given):
        problems.error(at, f"dataset code {dataset!r} is not a Eurostat code like lfsa_ergan")
        return False
    if parsed.dataset and given and given != parsed.dataset:
        problems.error(at, f"--dataset {given} does not match the file's dataset {parsed.dataset}")
        return False
    if not parsed.dataset and not given:
        problems.error(
            at,
            f"a {parsed.format_name} file does not name its Eurostat dataset; "
            "give it (--dataset CODE, e.g. lfsa_ergan)",
        )
        return False
    parsed.dataset = parsed.dataset or given
    return True


def _n(count: int, singular: str, plural: str = "") -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"
