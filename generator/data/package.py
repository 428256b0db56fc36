"""The data package descriptor (`datapackage.json`): read it with located
errors, list its resources, and edit it (an import declares a resource,
lists its codes and records a dataset's source and vintage).

Both the loader and the importer go through here, so a descriptor the
importer writes is one the loader accepts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.data.format import BREAKDOWNS, COLUMNS, EU_AGGREGATES, GROUPS, KEY_COLUMNS, SEXES, UNITS
from generator.problems import Location, Problems, display_path

DESCRIPTOR = "datapackage.json"

# Patterns shared by the loader's checks and the descriptor's schema.
AGE_PATTERN = r"Y[0-9]{2}-[0-9]{2}|Y_GE[0-9]{1,2}|Y_LT[0-9]{1,2}|TOTAL"
FLAG_PATTERN = r"[a-z]+"
CODE_PATTERN = r"[a-z][a-z0-9_]*"

# How a dataset's vintage was found (DatasetSource.vintage_basis).
VINTAGE_BASES = ("file", "option", "file modification date", "unknown")


@dataclass(frozen=True)
class Resource:
    """A well-formed CSV resource of a descriptor."""

    index: int  # position in descriptor["resources"]
    name: str
    path: str  # relative to the data folder, as written
    enums: dict[str, frozenset[str]]  # "indicator" / "source_dataset" -> allowed codes
    datasets: tuple[str, ...]  # codes named by its `sources[].dataset`


def read_descriptor(path: Path, problems: Problems, root: Path | None = None) -> dict | None:
    """The parsed descriptor, or None after a located problem."""
    where = display_path(path, root)
    if path.is_dir():
        problems.error(Location(where), f"{DESCRIPTOR} is a folder; it must be a JSON file")
        return None
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems.error(Location(where), f"no data package descriptor ({DESCRIPTOR}) here")
        return None
    except OSError as exc:
        problems.error(Location(where), f"cannot read the descriptor: {exc.strerror or exc}")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[data.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8-sig")) + 1
        problems.error(
            Location(where, line, column),
            f"not valid UTF-8 (byte 0x{data[exc.start]:02X}); save the file as UTF-8",
        )
        return None
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.error(Location(where, exc.lineno, exc.colno), f"invalid JSON: {exc.msg}")
        return None
    except RecursionError:
        problems.error(Location(where, 1), "invalid JSON: nested too deeply")
        return None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        problems.error(Location(where, 1), "expected a JSON object with a 'resources' list")
        return None
    return descriptor


def resources(
    descriptor: dict, path: Path, problems: Problems, root: Path | None = None
) -> Iterable[Resource]:
    """The well-formed CSV resources; every malformed one is reported."""
    where = display_path(path, root)
    for index, resource in enumerate(descriptor["resources"]):
        label = f"resources[{index}]"
        if not isinstance(resource, dict) or not isinstance(resource.get("path"), str):
            problems.error(Location(where), f"{label} needs a 'path' (a string)", field=label)
            continue
        rel = resource["path"]
        location = resource_location(path, rel, root)
        if rel.startswith("/") or ".." in Path(rel).parts or "\\" in rel:
            problems.error(location, f"path '{rel}' must be relative, inside the data folder", label)
            continue
        encoding = str(resource.get("encoding", "utf-8")).lower().replace("_", "-")
        if encoding not in ("utf-8", "utf-8-sig"):
            problems.error(location, f"encoding '{encoding}' is not supported; use utf-8", label)
            continue
        schema = resource.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
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
        yield Resource(
            index=index,
            name=str(resource.get("name", rel)),
            path=rel,
            enums=_enums(fields),
            datasets=tuple(
                str(s["dataset"]) for s in _sources(resource) if isinstance(s.get("dataset"), str)
            ),
        )


def _enums(fields: list[dict]) -> dict[str, frozenset[str]]:
    found = {}
    for f in fields:
        constraints = f.get("constraints")
        if f["name"] in ("indicator", "source_dataset") and isinstance(constraints, dict):
            enum = constraints.get("enum")
            if isinstance(enum, list):
                found[f["name"]] = frozenset(str(v) for v in enum)
    return found


def _sources(resource: dict) -> list[dict]:
    sources = resource.get("sources")
    return [s for s in sources if isinstance(s, dict)] if isinstance(sources, list) else []


def resource_location(path: Path, resource_path: str, root: Path | None = None) -> Location:
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


# --- the sources of a dataset ---------------------------------------------------------


def source_entries(descriptor: Any) -> Iterable[dict]:
    """Every `resources[].sources[]` entry that names a dataset."""
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return
    for resource in descriptor["resources"]:
        if isinstance(resource, dict):
            for source in _sources(resource):
                if isinstance(source.get("dataset"), str):
                    yield source


def parse_vintage(value: Any) -> dt.date | None:
    """An ISO date (`2025-03-21`) as written in a descriptor; None otherwise."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# --- editing ----------------------------------------------------------------------------


def resource_fields(indicators: list[str] | None, datasets: list[str] | None) -> list[dict]:
    """The schema fields of a resource in the toolkit's row format.

    `indicators` / `datasets` become the allowed codes of those columns; None
    leaves the column open (a publisher's package may add its own keys).
    """

    def field(name: str, type_: str, description: str, **constraints: Any) -> dict:
        return {
            "name": name,
            "type": type_,
            "description": description,
            "constraints": {"required": name != "flag", **constraints},
        }

    aggregates = "|".join(EU_AGGREGATES)
    enum = (lambda values: {"enum": values} if values is not None else {})  # noqa: E731
    fields = [
        field("indicator", "string", "Key of the series (the indicator's `series.indicator`).",
              **enum(indicators)),
        field("geo", "string",
              "Eurostat geo code: ISO 3166-1 alpha-2 except EL (Greece), UK, XK (Kosovo); "
              "aggregates keep their own code (EU27_2020, EU28, EU27_2007, EU = composition "
              "at the time).",
              pattern=f"[A-Z]{{2}}|{aggregates}"),
        field("year", "integer", "Reference year, four digits.", minimum=1000, maximum=9999),
        field("breakdown", "string",
              "How people are grouped: by citizenship or by country of birth (never mixed in "
              "one chart).",
              enum=list(BREAKDOWNS)),
        field("group", "string", "Eurostat citizenship / country-of-birth group code.",
              enum=list(GROUPS)),
        field("sex", "string", "T total, F females, M males.", enum=list(SEXES)),
        field("age", "string", "Eurostat age code (TOTAL where the dataset has no age).",
              pattern=AGE_PATTERN),
        field("value", "number",
              "The figure exactly as published by Eurostat, '.' as decimal separator."),
        field("unit", "string", "PC percent, EUR euro.", enum=list(UNITS)),
        field("flag", "string",
              "Eurostat observation flags as published (b break in series, u low reliability, "
              "e estimated, p provisional, d definition differs); empty when none.",
              pattern=FLAG_PATTERN),
        field("source_dataset", "string", "Eurostat dataset code of the figure.",
              **enum(datasets)),
    ]  # fmt: skip
    assert [f["name"] for f in fields] == list(COLUMNS)
    return fields


def new_resource(name: str, title: str, path: str, fields: list[dict]) -> dict:
    """A resource entry in the toolkit's row format (no sources yet)."""
    return {
        "name": name,
        "title": title,
        "profile": "tabular-data-resource",
        "path": path,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
        "schema": {"fields": fields, "missingValues": [""], "primaryKey": list(KEY_COLUMNS)},
        "sources": [],
    }


def set_codes(resource: dict, column: str, values: Iterable[str]) -> None:
    """Rewrite the allowed codes of `column`, where the resource lists them."""
    for f in resource["schema"]["fields"]:
        constraints = f.get("constraints")
        if f["name"] == column and isinstance(constraints, dict) and "enum" in constraints:
            constraints["enum"] = sorted(set(values))


def set_source(resource: dict, entry: dict) -> None:
    """Replace (in place, keeping order) or add the source entry of `entry["dataset"]`."""
    sources = resource.get("sources")
    if not isinstance(sources, list):
        sources = resource["sources"] = []
    for index, source in enumerate(sources):
        if isinstance(source, dict) and source.get("dataset") == entry["dataset"]:
            kept = source
            if "vintage" in entry:  # a new vintage replaces all that was said of the old one
                kept = {k: v for k, v in source.items() if not k.startswith("vintage")}
            sources[index] = {**kept, **entry}
            return
    sources.append(entry)


def dump(descriptor: dict) -> str:
    """The descriptor as written: two-space indent, UTF-8 kept, final newline."""
    return json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
