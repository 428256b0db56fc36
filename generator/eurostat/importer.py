"""`import_file`: one downloaded file -> one dataset of a data package, replaced.

With no option, everything comes from the file and the project: the format
and (where the file carries it) the dataset code, title and Eurostat's
last-update date from the file itself, else the code from Eurostat's file
naming; the indicator from the indicator definitions that name the dataset;
the file to write from the data package (a new resource when the dataset is
new). Each option overrides one of these steps.

Two phases: the whole file is read and checked, the new files are made in
memory and checked as `toolkit check` would; only then, and only if a byte
changes, are they swapped in. A refresh replaces the dataset's rows and is
reported as a diff (added, changed, withdrawn, unchanged).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.data.format import Observation
from generator.data.load import dataset_sources, load_data_folders
from generator.eurostat.convert import check_cells, convert
from generator.eurostat.datasets import dataset_for_title, spec_for
from generator.eurostat.detect import Format, detect
from generator.eurostat.diff import Diff, compare
from generator.eurostat.mapping import Definition, read_definitions, resolve
from generator.eurostat.naming import dataset_from_name
from generator.eurostat.output import plan_files, write_files
from generator.eurostat.parse_jsonstat import parse_jsonstat
from generator.eurostat.parse_legacy import parse_legacy
from generator.eurostat.parse_sdmx import parse_sdmx
from generator.eurostat.parse_toolkit import FORMAT_NAME as TOOLKIT_FORMAT
from generator.eurostat.parse_toolkit import check_keys, parse_toolkit
from generator.eurostat.parse_tsv import parse_tsv
from generator.eurostat.records import ParsedFile
from generator.eurostat.source import first_line, read_text
from generator.eurostat.target import find_target
from generator.problems import Location, Problems, display_path

_DATASET_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class ImportOptions:
    """The command's options; each one overrides what the importer would find."""

    dataset: str | None = None  # the dataset code
    indicator: str | None = None  # put every row under this indicator key
    into: Path | None = None  # the CSV (inside the data folder) to write
    vintage: str | None = None  # Eurostat's last-update date, YYYY-MM-DD
    publisher: str | None = None  # who published the figures (default Eurostat)
    title: str | None = None  # the dataset's title in the data package
    url: str | None = None  # the dataset's web page
    dry_run: bool = False  # report the diff, write nothing


@dataclass(frozen=True)
class DataFolders:
    """The project's data folders, as an import sees them."""

    target: Path  # the folder whose data package is written
    earlier: tuple[Path, ...] = ()  # folders the target's figures replace (the bundled data)
    indicators: tuple[Path, ...] = ()  # `indicators/` folders holding the definitions
    root: Path | None = None  # paths in messages are shown relative to it


@dataclass(frozen=True)
class Vintage:
    date: dt.date | None
    basis: str  # "file", "option", "file modification date"
    note: str = ""

    def describe(self) -> str:
        if self.date is None:
            return "unknown"
        if self.basis == "file":
            return f"{self.date.isoformat()} ({self.note})"
        if self.basis == "option":
            return f"{self.date.isoformat()} (given with --vintage)"
        return (
            f"{self.date.isoformat()}, the file's modification date: this format does not "
            "carry Eurostat's last-update date; give it with --vintage YYYY-MM-DD if you know it"
        )


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
    dataset_from: str = ""  # "the file", "the file name", "--dataset"
    diff: Diff = field(default_factory=lambda: Diff(""))
    vintage: Vintage = field(default_factory=lambda: Vintage(None, "unknown"))
    previous_vintage: dt.date | None = None
    new_resource: bool = False
    written: bool = False
    dry_run: bool = False

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

    def lines(self) -> list[str]:
        """What the command prints: the diff, the vintage, and what was written."""
        out = self.diff.lines()
        out.append(f"dataset {self.dataset} read from {self.dataset_from}")
        previous = f" (was {self.previous_vintage.isoformat()})" if self.previous_vintage else ""
        out.append(f"vintage: {self.vintage.describe()}{previous}")
        if self.new_resource:
            out.append(f"declared {self.target} as a new resource of the data package")
        if self.dry_run:
            out.append(f"dry run: nothing written; {self.summary().replace('imported', 'would import', 1)}")
        elif self.written:
            out.append(self.summary())
        else:
            out.append(f"{self.summary()}: no byte changed")
        return out


def import_file(
    path: Path, folders: DataFolders, options: ImportOptions, problems: Problems
) -> ImportReport | None:
    """Import one download into `folders.target`; None (nothing written) on any error."""
    found = Problems()
    report = _import(path, folders, options, found)
    problems.extend(found)
    return report


def _import(
    path: Path, folders: DataFolders, options: ImportOptions, problems: Problems
) -> ImportReport | None:
    root = folders.root
    where = display_path(path)
    vintage = _vintage_option(options, where, problems)
    text = read_text(path, where, problems)
    if text is None or (options.vintage and vintage is None):
        return None
    if not text.strip():
        problems.error(Location(where, 1), "file is empty")
        return None
    definitions = read_definitions(folders.indicators, root)
    new_definition_dir = display_path(folders.target / "indicators", root)
    fmt = detect(first_line(text), where, problems)
    if fmt is None:
        return None
    if fmt is Format.TOOLKIT:
        rows = _publisher_rows(text, where, options, definitions, new_definition_dir, problems)
        if rows is None:
            return None
        dataset, observations = rows
        parsed = ParsedFile(TOOLKIT_FORMAT, dataset=dataset)
        dataset_from, skipped = "the file", 0
    else:
        parsed = _parse(fmt, text, path, where, problems)
        if parsed is None or (problems.errors and not parsed.records):
            return None  # unreadable structure: further checks would only add noise
        check_cells(parsed, where, problems)
        resolved = _resolve_dataset(parsed, options.dataset, path, where, problems)
        if resolved is None:
            return None
        dataset, dataset_from = resolved
        mapping = resolve(dataset, definitions, options.indicator, new_definition_dir, where, problems)
        if mapping is None:
            return None
        conversion = convert(parsed, mapping, where, problems)
        observations, skipped = conversion.observations, conversion.skipped
    if not problems.errors and not observations:
        problems.error(Location(where), "no rows to import (all missing or skipped)")
    if problems.errors:
        return None  # validate everything first: a failed import writes nothing
    return _replace(path, parsed, dataset, dataset_from, observations, skipped, vintage, folders, options, problems)


def _replace(
    path: Path,
    parsed: ParsedFile,
    dataset: str,
    dataset_from: str,
    observations: list[Observation],
    skipped: int,
    vintage: Vintage | None,
    folders: DataFolders,
    options: ImportOptions,
    problems: Problems,
) -> ImportReport | None:
    root = folders.root
    target = find_target(folders.target, dataset, options.into, problems, root)
    if target is None:
        return None
    vintage = vintage or _vintage(parsed, path)
    previous = _previous_source(folders, dataset)
    current = [
        o.as_row()
        for o in load_data_folders((*folders.earlier, folders.target), Problems(), root)
        if o.source_dataset == dataset
    ]
    new_rows = [o.as_row() for o in observations]
    diff = compare(dataset, current, new_rows)
    if len(diff.withdrawn) > max(10, len(current) // 2):
        problems.warning(
            Location(display_path(path), 1),
            f"this import withdraws {len(diff.withdrawn)} of the {len(current)} figures of "
            f"{dataset}: a refresh replaces the whole dataset, so a filtered download drops "
            "everything it leaves out; import the full dataset, or check with --dry-run",
        )
    source = _source_entry(dataset, parsed, vintage, previous, options)
    title = source.get("title") or f"Eurostat, {dataset}"
    plan = plan_files(target, dataset, new_rows, source, title, problems, root)
    if plan is None:
        return None
    written = False
    if not options.dry_run and (plan.csv_changed or plan.descriptor_changed):
        try:
            write_files(plan, target)
        except OSError as exc:
            problems.error(
                Location(display_path(target.csv_path, root)),
                f"cannot write the data folder's files: {exc.strerror or exc}",
            )
            return None
        written = True
    return ImportReport(
        rows=len(observations),
        skipped_missing=parsed.missing,
        indicators=tuple(sorted({o.indicator for o in observations})),
        geos=tuple(sorted({o.geo for o in observations})),
        years=tuple(sorted({o.year for o in observations})),
        flags_count=sum(1 for o in observations if o.flag),
        format_name=parsed.format_name,
        dataset=dataset,
        source=display_path(path),
        target=display_path(target.csv_path, root),
        skipped_other=skipped,
        dataset_from=dataset_from,
        diff=diff,
        vintage=vintage,
        previous_vintage=previous.get("vintage_date"),
        new_resource=target.new_resource,
        written=written,
        dry_run=options.dry_run,
    )


def _parse(fmt: Format, text: str, path: Path, where: str, problems: Problems) -> ParsedFile | None:
    if fmt is Format.TSV:
        return parse_tsv(text, where, problems)
    if fmt is Format.SDMX_1:
        return parse_sdmx(text, "1.0", where, problems)
    if fmt is Format.SDMX_2:
        return parse_sdmx(text, "2.0", where, problems)
    if fmt is Format.LEGACY_CSV:
        return parse_legacy(text, path, where, problems)
    if fmt is Format.JSON_STAT:
        return parse_jsonstat(text, where, problems)
    return None


def _publisher_rows(
    text: str,
    where: str,
    options: ImportOptions,
    definitions: list[Definition],
    new_definition_dir: str,
    problems: Problems,
) -> tuple[str, list[Observation]] | None:
    parsed = parse_toolkit(text, where, problems)
    if parsed is None:
        return None
    dataset, observations = parsed
    if options.dataset and options.dataset.strip().lower() != dataset:
        problems.error(Location(where, 1), f"--dataset {options.dataset} differs from the rows' {dataset}")
        return None
    if not options.publisher:
        problems.error(
            Location(where, 1),
            "a file in the toolkit's own format holds a publisher's own figures: say whose "
            "they are with --publisher NAME (and --title, --url and --vintage YYYY-MM-DD)",
        )
        return None
    if not check_keys(observations, definitions, new_definition_dir, where, problems):
        return None
    return dataset, observations


def _resolve_dataset(
    parsed: ParsedFile, dataset: str | None, path: Path, where: str, problems: Problems
) -> tuple[str, str] | None:
    """(code, where it was read): --dataset, else the file, else the file's name."""
    given = (dataset or "").strip().lower()
    at = Location(where, 1)
    if given and not _DATASET_CODE.match(given):
        problems.error(at, f"dataset code {dataset!r} is not a Eurostat code like lfsa_ergan")
        return None
    in_file = parsed.dataset or (dataset_for_title(parsed.title) if parsed.title else "")
    if in_file and given and given != in_file:
        problems.error(at, f"--dataset {given} does not match the file's dataset {in_file}")
        return None
    named = dataset_from_name(path)
    if given:
        parsed.dataset = given
        return given, "--dataset"
    if in_file:
        if named and named != in_file:
            problems.warning(at, f"the file name suggests dataset {named}, the file says {in_file}: using {in_file}")
        read_from = "the file" if parsed.dataset else "the file's title"
        parsed.dataset = in_file
        return in_file, read_from
    if named:
        parsed.dataset = named
        return named, f"the file name {path.name}"
    problems.error(
        at,
        f"a {parsed.format_name} file does not name its Eurostat dataset, and its name "
        f"{path.name!r} is not one Eurostat gives (estat_<code>.tsv, <code>.tsv.gz, "
        "<code>_linear.csv, ...); give it (--dataset CODE, e.g. lfsa_ergan)",
    )
    return None


def _vintage_option(options: ImportOptions, where: str, problems: Problems) -> Vintage | None:
    if not options.vintage:
        return None
    try:
        return Vintage(dt.date.fromisoformat(options.vintage.strip()), "option")
    except ValueError:
        problems.error(Location(where), f"--vintage {options.vintage!r} is not a date like 2025-09-18")
        return None


def _vintage(parsed: ParsedFile, path: Path) -> Vintage:
    if parsed.vintage is not None:
        return Vintage(parsed.vintage, "file", parsed.vintage_note)
    modified = dt.datetime.fromtimestamp(path.stat().st_mtime).date()
    return Vintage(modified, "file modification date", f"modification date of {path.name}")


def _previous_source(folders: DataFolders, dataset: str) -> dict:
    """The dataset's source entry as the site has it now (target folder over earlier ones)."""
    for folder in (folders.target, *reversed(folders.earlier)):
        source = dataset_sources(folder).get(dataset)
        if source is not None:
            return {
                "title": source.title,
                "path": source.url,
                "publisher": source.publisher,
                "vintage_date": source.vintage,
            }
    return {}


def _source_entry(
    dataset: str, parsed: ParsedFile, vintage: Vintage, previous: dict, options: ImportOptions
) -> dict:
    publisher = options.publisher or previous.get("publisher") or "Eurostat"
    title = options.title or previous.get("title") or _title(dataset, parsed, publisher)
    url = options.url or previous.get("path") or (_eurostat_url(dataset) if publisher == "Eurostat" else None)
    entry: dict = {"title": title}
    if url:
        entry["path"] = url
    entry["dataset"] = dataset
    if publisher != "Eurostat":
        entry["publisher"] = publisher
    entry["vintage"] = vintage.date.isoformat() if vintage.date else None
    entry["vintage_basis"] = vintage.basis
    if vintage.note:
        entry["vintage_note"] = vintage.note
    return entry


def _title(dataset: str, parsed: ParsedFile, publisher: str) -> str:
    name = parsed.title or spec_for(dataset).title
    return f"{publisher}, {dataset}: {name}" if name else f"{publisher}, {dataset}"


def _eurostat_url(dataset: str) -> str:
    return f"https://ec.europa.eu/eurostat/databrowser/view/{dataset}/default/table?lang=en"


def _n(count: int, singular: str, plural: str = "") -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"
