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
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pycountry

from generator.countries import COUNTRY_CODES, ISO_TO_EUROSTAT
from generator.data.format import (
    BREAKDOWNS,
    COLUMNS,
    EU_AGGREGATES,
    GROUPS,
    SEXES,
    UNITS,
    DatasetSource,
    Observation,
)
from generator.problems import Location, Problems, display_path

DESCRIPTOR = "datapackage.json"

# Eurostat geo codes: the countries as Eurostat writes them (generator.countries)
# and the EU aggregates, each with its own code.
GEOS: frozenset[str] = COUNTRY_CODES | frozenset(EU_AGGREGATES)

# Patterns shared with the descriptor (data/curate.py writes them into it).
AGE_PATTERN = r"Y[0-9]{2}-[0-9]{2}|Y_GE[0-9]{1,2}|Y_LT[0-9]{1,2}|TOTAL"
FLAG_PATTERN = r"[a-z]+"
CODE_PATTERN = r"[a-z][a-z0-9_]*"

_is_number = re.compile(r"-?[0-9]+(?:\.[0-9]+)?").fullmatch
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
_KEY_COLUMNS = ("indicator", "geo", "year", "breakdown", "group", "sex", "age")
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
    descriptor = _read_descriptor(descriptor_path, problems, root)
    if descriptor is None:
        return []
    observations: list[Observation] = []
    seen: dict[tuple[str, ...], str] = {}
    for resource in _resources(descriptor, descriptor_path, problems, root):
        path = data_dir / resource["path"]
        if not path.is_file():
            problems.error(
                _descriptor_location(descriptor_path, resource["path"], root),
                f"resource '{resource['name']}' declares file '{resource['path']}', "
                f"which does not exist in {display_path(data_dir, root)}",
                field="resources.path",
            )
            continue
        observations.extend(
            _read_resource(path, resource, problems, root, seen),
        )
    return observations


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


# --- descriptor ---------------------------------------------------------------


def _read_descriptor(path: Path, problems: Problems, root: Path | None) -> dict | None:
    where = display_path(path, root)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        problems.error(Location(where), "no data package descriptor (datapackage.json) here")
        return None
    except UnicodeDecodeError as exc:
        line, column = _position_of_byte(path.read_bytes(), exc.start)
        problems.error(
            Location(where, line, column),
            f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02X}); save the file as UTF-8",
        )
        return None
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.error(Location(where, exc.lineno, exc.colno), f"invalid JSON: {exc.msg}")
        return None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        problems.error(Location(where, 1), "expected a JSON object with a 'resources' list")
        return None
    return descriptor


def _resources(
    descriptor: dict, path: Path, problems: Problems, root: Path | None
) -> Iterable[dict[str, Any]]:
    """The well-formed resources, as {name, path, fields, enums}."""
    where = display_path(path, root)
    for index, resource in enumerate(descriptor["resources"]):
        label = f"resources[{index}]"
        if not isinstance(resource, dict) or not isinstance(resource.get("path"), str):
            problems.error(Location(where), f"{label} needs a 'path' (a string)", field=label)
            continue
        rel = resource["path"]
        location = _descriptor_location(path, rel, root)
        if rel.startswith("/") or ".." in Path(rel).parts:
            problems.error(
                location, f"path '{rel}' must be relative, inside the data folder", label
            )
            continue
        encoding = str(resource.get("encoding", "utf-8")).lower().replace("_", "-")
        if encoding not in ("utf-8", "utf-8-sig"):
            problems.error(location, f"encoding '{encoding}' is not supported; use utf-8", label)
            continue
        fields = (resource.get("schema") or {}).get("fields")
        if not isinstance(fields, list) or not all(
            isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields
        ):
            problems.error(location, f"resource '{rel}' needs schema.fields with names", label)
            continue
        names = [f["name"] for f in fields]
        if names != list(COLUMNS):
            problems.error(
                location,
                f"schema.fields of '{rel}' must be, in this order: {', '.join(COLUMNS)} "
                f"(found: {', '.join(names)})",
                label,
            )
            continue
        enums = {
            f["name"]: frozenset(f["constraints"]["enum"])
            for f in fields
            if f["name"] in ("indicator", "source_dataset")
            and isinstance(f.get("constraints"), dict)
            and isinstance(f["constraints"].get("enum"), list)
        }
        yield {"name": resource.get("name", rel), "path": rel, "enums": enums}


def _descriptor_location(path: Path, resource_path: str, root: Path | None) -> Location:
    """Where `"path": "<resource_path>"` is written in the descriptor, if found."""
    where = display_path(path, root)
    needle = json.dumps(resource_path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return Location(where)
    for number, line in enumerate(lines, start=1):
        column = line.find(needle)
        if column >= 0 and '"path"' in line:
            return Location(where, number, column + 1)
    return Location(where)


# --- CSV resources ------------------------------------------------------------


def _read_resource(
    path: Path,
    resource: dict[str, Any],
    problems: Problems,
    root: Path | None,
    seen: dict[tuple[str, ...], str],
) -> list[Observation]:
    where = display_path(path, root)
    data = path.read_bytes()
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
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        problems.error(Location(where, 1), f"empty file; expected the header {','.join(COLUMNS)}")
        return []
    if not _header_ok(header, where, problems):
        return []

    enums = resource["enums"]
    observations: list[Observation] = []
    line = reader.line_num + 1  # physical line where the next row starts
    for cells in reader:
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
    if value and not _is_number(value):
        error(
            "value",
            f"value '{value}' is not a number; expected a number with '.' as decimal "
            "separator and no thousands separator, e.g. 12.5 or 16954",
        )
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

    A resource's `sources` entries name a `dataset` with `title` and `path`
    (its web page); `publisher` defaults to Eurostat. An unreadable
    descriptor gives none (the loader reports it).
    """
    try:
        descriptor = json.loads((data_dir / DESCRIPTOR).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    found: dict[str, DatasetSource] = {}
    for resource in descriptor.get("resources") or [] if isinstance(descriptor, dict) else []:
        for source in (resource.get("sources") or []) if isinstance(resource, dict) else []:
            if not isinstance(source, dict) or not isinstance(source.get("dataset"), str):
                continue
            code = source["dataset"]
            found.setdefault(code, DatasetSource(
                code=code,
                publisher=str(source.get("publisher") or "Eurostat"),
                title=str(source.get("title") or ""),
                url=source.get("path") if str(source.get("path", "")).startswith(("https://", "http://")) else None,
            ))
    return found
