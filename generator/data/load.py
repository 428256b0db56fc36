"""Load and validate the bundled observations (data/datapackage.json + CSV files).

`load_observations` reads the Frictionless Data Package descriptor, then every
CSV resource it declares, and checks every row. Mistakes are reported to a
`Problems` collection with `file:line:column` (the physical line in the file
and the 1-based CSV column of the cell); nothing is raised for a user's
mistake, so one run reports every error in every file.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pycountry

from generator.countries import COUNTRY_CODES, ISO_TO_EUROSTAT
from generator.data.format import (
    BREAKDOWNS,
    COLUMNS,
    EU_AGGREGATES,
    GROUPS,
    KEY_COLUMNS,
    SEXES,
    UNITS,
    DatasetSource,
    Observation,
    value_problem,
)
from generator.data.package import (
    AGE_PATTERN,
    CODE_PATTERN,
    DESCRIPTOR,
    FLAG_PATTERN,
    VINTAGE_BASES,
    Resource,
    parse_vintage,
    read_descriptor,
    resource_location,
    resources,
    source_entries,
)
from generator.problems import Location, Problems, display_path

__all__ = [
    "AGE_PATTERN", "CODE_PATTERN", "DESCRIPTOR", "FLAG_PATTERN", "GEOS",
    "check_csv_text", "dataset_sources", "declared_datasets", "descriptor_summary",
    "load_data_folders", "load_observations",
]  # fmt: skip

# Eurostat geo codes: the countries as Eurostat writes them (generator.countries)
# and the EU aggregates, each with its own code.
GEOS: frozenset[str] = COUNTRY_CODES | frozenset(EU_AGGREGATES)

_is_year = re.compile(r"[0-9]{4}").fullmatch
_is_age = re.compile(AGE_PATTERN).fullmatch
_is_flag = re.compile(FLAG_PATTERN).fullmatch
_is_code = re.compile(CODE_PATTERN).fullmatch

_ENUMS: dict[str, tuple[str, ...]] = {
    "breakdown": BREAKDOWNS,
    "group": GROUPS,
    "sex": SEXES,
    "unit": UNITS,
}
_ENUM_SETS = {name: frozenset(values) for name, values in _ENUMS.items()}
_KEY_COLUMNS = KEY_COLUMNS
_COLUMN_NUMBER = {name: i + 1 for i, name in enumerate(COLUMNS)}
_REQUIRED = tuple(c for c in COLUMNS if c != "flag")


# (folder, root, fingerprint of every file in it) → (observations, problems).
# `toolkit build` loads the project once per language (and `toolkit serve`
# after every edit); unchanged data files are read and checked only once per
# process. Observations are immutable, so sharing them is safe.
_CACHE: dict[tuple, tuple[tuple[Observation, ...], list[Any]]] = {}
_CACHE_SIZE = 4


def _fingerprint(data_dir: Path) -> tuple | None:
    try:
        files = sorted(p for p in data_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    except OSError:
        return None


def load_observations(
    data_dir: Path, problems: Problems, root: Path | None = None
) -> list[Observation]:
    """Every valid observation of every resource in `data_dir/datapackage.json`.

    Rows with an error are reported to `problems` and left out. Results are
    kept per process while no file in `data_dir` changes (same problems too).
    """
    fingerprint = _fingerprint(data_dir)
    key = (str(Path(data_dir).resolve()), str(root), fingerprint)
    cached = _CACHE.get(key) if fingerprint is not None else None
    if cached is None:
        found = Problems()
        cached = (tuple(_load_observations(data_dir, found, root)), list(found.items))
        if fingerprint is not None:
            if len(_CACHE) >= _CACHE_SIZE:
                _CACHE.pop(next(iter(_CACHE)))
            _CACHE[key] = cached
    problems.extend(list(cached[1]))
    return list(cached[0])


def _load_observations(data_dir: Path, problems: Problems, root: Path | None) -> list[Observation]:
    descriptor_path = data_dir / DESCRIPTOR
    descriptor = read_descriptor(descriptor_path, problems, root)
    if descriptor is None:
        return []
    observations: list[Observation] = []
    seen: dict[tuple[str, ...], str] = {}
    declared: list[Resource] = list(resources(descriptor, descriptor_path, problems, root))
    for resource in declared:
        path = data_dir / resource.path
        if not path.is_file():
            problems.error(
                resource_location(descriptor_path, resource.path, root),
                f"resource '{resource.name}' declares file '{resource.path}', "
                f"which does not exist in {display_path(data_dir, root)}",
                field="resources.path",
            )
            continue
        observations.extend(_read_resource(path, resource, problems, root, seen))
    _report_undeclared(data_dir, descriptor, declared, problems, root)
    return observations


def _report_undeclared(
    data_dir: Path, descriptor: dict, declared: list[Resource], problems: Problems, root: Path | None
) -> None:
    """A CSV the descriptor does not list would be silently left out: say so."""
    listed = {
        str(r["path"]).replace("\\", "/")
        for r in descriptor["resources"]
        if isinstance(r, dict) and isinstance(r.get("path"), str)
    }
    for path in _csv_files(data_dir):
        relative = path.relative_to(data_dir).as_posix()
        if relative not in listed:
            problems.error(
                Location(display_path(path, root), 1),
                f"'{relative}' is not declared in {display_path(data_dir / DESCRIPTOR, root)}, "
                "so none of its rows would be used; declare it as a resource (`toolkit data "
                "import` does this for the files it writes) or move it out of the data folder",
            )


def _csv_files(data_dir: Path) -> list[Path]:
    found = []
    try:
        for path in sorted(data_dir.rglob("*")):
            parts = path.relative_to(data_dir).parts
            if any(part.startswith(".") or part == "__pycache__" for part in parts):
                continue  # hidden files, e.g. an import's temporary file
            if path.suffix.lower() == ".csv" and path.is_file():
                found.append(path)
    except OSError:
        return found
    return found


def descriptor_summary(data_dir: Path) -> dict[str, Any]:
    """Licence and per-dataset source information for the site's acknowledgement.

    Returns `{"title", "licence": {"title", "path"}, "acknowledgement",
    "datasets": {code: {"title", "path", "resources", "carriers"}}}`; an
    unreadable descriptor gives the plain Eurostat acknowledgement (the
    loader reports the error itself).
    """
    summary: dict[str, Any] = {
        "title": "",
        "licence": {"title": "", "path": ""},
        "acknowledgement": "Source: Eurostat",
        "datasets": {},
    }
    try:
        descriptor = json.loads((data_dir / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return summary
    if not isinstance(descriptor, dict):
        return summary
    summary["title"] = str(descriptor.get("title", ""))
    licences = [lic for lic in descriptor.get("licenses") or [] if isinstance(lic, dict)]
    if licences:
        lic = licences[0]
        summary["licence"] = {"title": str(lic.get("title", "")), "path": str(lic.get("path", ""))}
        summary["acknowledgement"] = str(lic.get("acknowledgement", summary["acknowledgement"]))
    carriers = [s for s in descriptor.get("sources") or [] if isinstance(s, dict)]
    datasets: dict[str, dict[str, Any]] = {}
    for resource in descriptor.get("resources") or []:
        if not isinstance(resource, dict):
            continue
        for source in resource.get("sources") or []:
            if not isinstance(source, dict) or not source.get("dataset"):
                continue
            code = str(source["dataset"])
            entry = datasets.setdefault(
                code,
                {
                    "title": str(source.get("title", code)),
                    "path": str(source.get("path", "")),
                    "resources": [],
                    "carriers": [
                        {
                            "title": str(c.get("title", "")),
                            "path": str(c.get("path", "")),
                            "commit": str(c.get("commit", "")),
                        }
                        for c in carriers
                        if code in (c.get("datasets") or [])
                    ],
                },
            )
            entry["resources"].append(str(resource.get("path", "")))
    summary["datasets"] = dict(sorted(datasets.items()))
    return summary


# --- CSV resources ------------------------------------------------------------


def _read_resource(
    path: Path,
    resource: Resource,
    problems: Problems,
    root: Path | None,
    seen: dict[tuple[str, ...], str],
) -> list[Observation]:
    where = display_path(path, root)
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.error(Location(where), f"cannot read the file: {exc.strerror or exc}")
        return []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _position_of_byte(data, exc.start)
        problems.error(
            Location(where, line, column),
            f"file is not valid UTF-8: byte 0x{data[exc.start]:02X} at line {line}; "
            "save it as UTF-8 (in a spreadsheet: 'CSV UTF-8')",
        )
        return []
    return check_csv_text(text, where, resource.enums, problems, seen)


def check_csv_text(
    text: str,
    where: str,
    enums: dict[str, frozenset[str]],
    problems: Problems,
    seen: dict[tuple[str, ...], str] | None = None,
) -> list[Observation]:
    """Every valid row of one resource's text; each mistake reported at file:line:column.

    `seen` (shared across a package's files) finds a figure given twice.
    """
    seen = {} if seen is None else seen
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        problems.error(Location(where, 1), f"malformed CSV header ({exc})")
        return []
    if header is None:
        problems.error(Location(where, 1), f"empty file; expected the header {','.join(COLUMNS)}")
        return []
    if not _header_ok(header, where, problems):
        return []

    observations: list[Observation] = []
    line = reader.line_num + 1  # physical line where the next row starts
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.error(Location(where, line), f"malformed CSV ({exc})")
            break
        row_line, line = line, reader.line_num + 1
        if not cells:
            continue  # blank line
        if len(cells) != len(COLUMNS):
            column = len(COLUMNS) + 1 if len(cells) > len(COLUMNS) else 0
            problems.error(
                Location(where, row_line, column),
                f"row has {len(cells)} cells, expected {len(COLUMNS)} "
                f"({', '.join(COLUMNS)}); check for a missing or extra comma "
                "or an unquoted comma inside a value",
            )
            continue
        observation = _check_row(cells, where, row_line, enums, problems)
        if observation is None:
            continue
        key = tuple(cells[i] for i in range(len(_KEY_COLUMNS)))
        first = seen.get(key)
        if first is not None:
            problems.error(
                Location(where, row_line, 1),
                "duplicate observation ("
                + ", ".join(f"{c}={v}" for c, v in zip(_KEY_COLUMNS, key, strict=True))
                + f"): the same figure is already given at {first}",
            )
            continue
        seen[key] = f"{where}:{row_line}"
        observations.append(observation)
    return observations


def _header_ok(header: list[str], where: str, problems: Problems) -> bool:
    if header == list(COLUMNS):
        return True
    missing = [c for c in COLUMNS if c not in header]
    extra = [(i + 1, c) for i, c in enumerate(header) if c not in COLUMNS]
    if missing:
        problems.error(
            Location(where, 1),
            f"missing column(s): {', '.join(missing)}; the header must be {','.join(COLUMNS)}",
        )
    for column, name in extra:
        problems.error(
            Location(where, 1, column),
            f"unexpected column '{name}'; the header must be {','.join(COLUMNS)}",
        )
    if not missing and not extra:
        problems.error(
            Location(where, 1),
            f"columns are not in the declared order; the header must be {','.join(COLUMNS)}",
        )
    return False


def _check_row(
    cells: list[str],
    where: str,
    line: int,
    enums: dict[str, frozenset[str]],
    problems: Problems,
) -> Observation | None:
    indicator, geo, year, breakdown, group, sex, age, value, unit, flag, dataset = cells
    errors_before = len(problems.items)

    def error(column: str, message: str) -> None:
        problems.error(Location(where, line, _COLUMN_NUMBER[column]), message, field=column)

    for column, cell in zip(COLUMNS, cells, strict=True):
        if not cell and column in _REQUIRED:
            error(column, f"'{column}' is empty; every row needs a {column}")
    if indicator and not _is_code(indicator):
        error("indicator", f"indicator key '{indicator}' must be lower-case letters, digits, _")
    elif indicator and "indicator" in enums and indicator not in enums["indicator"]:
        error("indicator", _unknown("indicator", indicator, sorted(enums["indicator"])))
    if geo and geo not in GEOS:
        error("geo", _unknown_geo(geo))
    if year and not _is_year(year):
        error("year", f"year '{year}' must be four digits, e.g. 2024")
    for column, cell in (("breakdown", breakdown), ("group", group), ("sex", sex), ("unit", unit)):
        if cell and cell not in _ENUM_SETS[column]:
            error(column, _unknown(column, cell, _ENUMS[column]))
    if age and not _is_age(age):
        error("age", f"age '{age}' is not a Eurostat age code (e.g. Y20-64, Y_GE18, TOTAL)")
    if value and (why := value_problem(value)):
        error("value", why)
    if flag and not _is_flag(flag):
        error("flag", f"flag '{flag}' must be Eurostat flag letters, e.g. u, b, e, p, bu")
    if dataset and not _is_code(dataset):
        error("source_dataset", f"'{dataset}' is not a Eurostat dataset code (e.g. lfsa_ergan)")
    elif dataset and "source_dataset" in enums and dataset not in enums["source_dataset"]:
        error(
            "source_dataset",
            _unknown("source_dataset", dataset, sorted(enums["source_dataset"]))
            + " (as declared in datapackage.json)",
        )
    if len(problems.items) != errors_before:
        return None
    return Observation(
        indicator=indicator,
        geo=geo,
        year=int(year),
        breakdown=breakdown,
        group=group,
        sex=sex,
        age=age,
        value=float(value),
        value_text=value,
        unit=unit,
        flag=flag,
        source_dataset=dataset,
    )


def _unknown(column: str, value: str, allowed: Iterable[str]) -> str:
    allowed = list(allowed)
    message = f"unknown {column} '{value}'; allowed: {', '.join(allowed)}"
    close = difflib.get_close_matches(value, allowed, n=1) or difflib.get_close_matches(
        value.upper(), allowed, n=1
    )
    return f"{message} (did you mean '{close[0]}'?)" if close else message


def _unknown_geo(geo: str) -> str:
    message = f"unknown geo code '{geo}'"
    if geo in ISO_TO_EUROSTAT:
        return f"{message}: Eurostat writes '{ISO_TO_EUROSTAT[geo]}'"
    if geo.upper().startswith("EU"):
        return (
            f"{message}; EU aggregates are {', '.join(EU_AGGREGATES)} "
            "(each a different composition, never interchangeable)"
        )
    suggestion = ""
    if geo.upper() in GEOS:
        suggestion = geo.upper()
    else:
        try:
            suggestion = pycountry.countries.lookup(geo).alpha_2
        except LookupError:
            close = difflib.get_close_matches(geo.upper(), sorted(GEOS), n=1)
            suggestion = close[0] if close else ""
        suggestion = ISO_TO_EUROSTAT.get(suggestion, suggestion)
    hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
    return (
        f"{message}{hint}; use an ISO 3166-1 alpha-2 code, EL for Greece, UK, XK, "
        f"or an EU aggregate ({', '.join(EU_AGGREGATES)})"
    )


def _position_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    """1-based (line, column) of the first undecodable byte, as an editor counts them.

    Everything before `offset` is valid UTF-8, so the column counts characters.
    """
    line = data.count(b"\n", 0, offset) + 1
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8-sig")) + 1
    return line, column


def dataset_sources(data_dir: Path) -> dict[str, DatasetSource]:
    """The declared source of every dataset code in `data_dir/datapackage.json`.

    A resource's `sources` entries name a `dataset` with `title`, `path` (its
    web page), `publisher` (default Eurostat) and the dataset's `vintage`
    (ISO date) with `vintage_basis` and `vintage_note`. An unreadable
    descriptor gives none (the loader reports it).
    """
    path = data_dir / DESCRIPTOR
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8-sig")) if path.is_file() else None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return {}
    found: dict[str, DatasetSource] = {}
    for source in source_entries(descriptor):
        code = source["dataset"]
        url = str(source.get("path") or "")
        vintage = parse_vintage(source.get("vintage"))
        basis = str(source.get("vintage_basis") or "")
        found.setdefault(code, DatasetSource(
            code=code,
            publisher=str(source.get("publisher") or "Eurostat"),
            title=str(source.get("title") or ""),
            url=url if url.startswith(("https://", "http://")) else None,
            vintage=vintage,
            vintage_basis=basis if basis in VINTAGE_BASES else ("unknown" if vintage is None else ""),
            vintage_note=str(source.get("vintage_note") or ""),
        ))  # fmt: skip
    return found


def declared_datasets(data_dir: Path) -> frozenset[str]:
    """Dataset codes this folder's descriptor declares in its resources' sources."""
    return frozenset(dataset_sources(data_dir))


def load_data_folders(
    folders: Sequence[Path], problems: Problems, root: Path | None = None
) -> list[Observation]:
    """The figures of several data folders, later folders over earlier ones.

    A later folder that declares a dataset (in a resource's `sources`)
    replaces that dataset as a whole: a figure Eurostat withdrew in the newer
    download must not live on from the bundled copy. Other rows replace an
    earlier row with the same key (an authority's own or regional figure).
    """
    merged: dict[tuple, Observation] = {}
    for folder in folders:
        rows = load_observations(folder, problems, root)
        replaced = declared_datasets(folder)
        if replaced:
            merged = {k: o for k, o in merged.items() if o.source_dataset not in replaced}
        for row in rows:
            merged[(row.indicator, row.geo, row.year, row.breakdown, row.group, row.sex, row.age)] = row
    return list(merged.values())
