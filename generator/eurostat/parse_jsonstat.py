"""JSON-stat 2.0 as answered by the Eurostat API (`.../statistics/1.0/data/<code>?format=JSON`)."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

from generator.data.package import parse_vintage
from generator.eurostat.records import ParsedFile, RawRecord
from generator.problems import Location, Problems

FORMAT_NAME = "JSON-stat 2.0"
_VALUE_OBJECT = re.compile(r'"value"\s*:\s*\{([^}]*)\}')
_VALUE_KEY = re.compile(r'"(\d+)"\s*:')


def parse_jsonstat(text: str, where: str, problems: Problems) -> ParsedFile:
    parsed = ParsedFile(FORMAT_NAME)
    try:
        data = json.loads(text)
        # Second pass keeps numbers as their published text (68.0 stays "68.0").
        as_text = json.loads(text, parse_float=str, parse_int=str)
    except json.JSONDecodeError as exc:
        problems.error(
            Location(where, exc.lineno, exc.colno), f"invalid JSON ({exc.msg}); is it truncated?"
        )
        return parsed
    except RecursionError:
        problems.error(Location(where, 1), "invalid JSON (nested too deeply)")
        return parsed
    texts = as_text.get("value") if isinstance(as_text, dict) else None
    structure = _structure(data, where, problems)
    if structure is None:
        return parsed
    ids, sizes, codes = structure
    extension = data.get("extension") if isinstance(data.get("extension"), dict) else {}
    parsed.dataset = str(extension.get("id", "")).lower()
    parsed.title = str(data.get("label") or "") if isinstance(data.get("label"), str) else ""
    parsed.vintage, parsed.vintage_note = _update_date(data, extension)
    cells = _cells(texts)
    if cells is None:
        problems.error(Location(where, 1), "'value' is neither an object nor an array")
        return parsed
    cube = math.prod(sizes)
    lines = _value_lines(text)
    if isinstance(texts, list) and len(texts) != cube:
        # A dense array must give every cell: a shorter one would shift every
        # value after the gap onto the wrong country or year.
        problems.error(
            Location(where, 1),
            f"'value' has {len(texts)} entries but the dimensions ({' x '.join(map(str, sizes))}) "
            f"make {cube} cells; the file is cut off or not Eurostat's",
        )
        return parsed
    status = data.get("status", {})
    published = 0
    for index, value in cells:
        if not 0 <= index < cube:
            problems.error(
                Location(where, lines.get(index, 1)),
                f"value index {index} is outside the dimensions ({cube} cells)",
            )
            continue
        if value is None:
            continue
        published += 1
        dims = _dims_at(index, ids, sizes, codes)
        time = dims.pop("time")
        flag = _status_at(status, index)
        parsed.records.append(RawRecord(dims, time, str(value), flag, lines.get(index, 1)))
    # The API leaves unavailable cells out; count them as skipped-missing.
    parsed.missing = cube - published
    return parsed


def _update_date(data: dict, extension: dict) -> tuple[dt.date | None, str]:
    """Eurostat's UPDATE_DATA annotation, else JSON-stat's `updated`."""
    annotations = extension.get("annotation")
    for note in annotations if isinstance(annotations, list) else []:
        if isinstance(note, dict) and note.get("type") == "UPDATE_DATA":
            day = parse_vintage(note.get("date"))
            if day:
                return day, f"UPDATE_DATA {note['date']} in the file"
    day = parse_vintage(data.get("updated"))
    return (day, f"updated {data['updated']} in the file") if day else (None, "")


def _structure(
    data: Any, where: str, problems: Problems
) -> tuple[list[str], list[int], list[list[str]]] | None:
    """Dimension ids, sizes and each dimension's codes in index order."""
    at = Location(where, 1)
    if not isinstance(data, dict) or data.get("class") != "dataset":
        problems.error(at, 'not a JSON-stat 2.0 dataset (expected "class": "dataset")')
        return None
    ids, sizes, dimension = data.get("id"), data.get("size"), data.get("dimension")
    if not (isinstance(ids, list) and isinstance(sizes, list) and isinstance(dimension, dict)):
        problems.error(at, "JSON-stat dataset lacks 'id', 'size' or 'dimension'")
        return None
    if len(ids) != len(sizes) or "time" not in ids or "geo" not in ids:
        problems.error(at, "JSON-stat 'id'/'size' do not match or lack 'geo'/'time'")
        return None
    codes: list[list[str]] = []
    for dim_id, size in zip(ids, sizes, strict=True):
        category = dimension.get(dim_id, {}).get("category", {})
        order = _category_order(category)
        if len(order) != size:
            problems.error(at, f"dimension {dim_id!r} has {len(order)} categories, size {size}")
            return None
        codes.append(order)
    return ids, sizes, codes


def _category_order(category: dict[str, Any]) -> list[str]:
    index = category.get("index")
    if isinstance(index, list):
        return [str(code) for code in index]
    if isinstance(index, dict):
        return [code for code, _ in sorted(index.items(), key=lambda item: item[1])]
    return [str(code) for code in category.get("label", {})]  # a single category


def _cells(texts: Any) -> list[tuple[int, str | None]] | None:
    if isinstance(texts, dict):
        try:
            return [(int(key), value) for key, value in texts.items()]
        except ValueError:
            return None
    if isinstance(texts, list):
        return list(enumerate(texts))
    return None


def _dims_at(
    index: int, ids: list[str], sizes: list[int], codes: list[list[str]]
) -> dict[str, str]:
    # Row-major order: the last dimension varies fastest.
    positions: dict[str, str] = {}
    for dim_id, size, order in reversed(list(zip(ids, sizes, codes, strict=True))):
        positions[dim_id] = order[index % size]
        index //= size
    return {dim_id: positions[dim_id] for dim_id in ids}


def _status_at(status: Any, index: int) -> str:
    if isinstance(status, str):
        return status
    if isinstance(status, dict):
        return str(status.get(str(index), ""))
    if isinstance(status, list) and index < len(status):
        return str(status[index] or "")
    return ""


def _value_lines(text: str) -> dict[int, int]:
    """Line of each key of a sparse 'value' object, so problems can be located."""
    match = _VALUE_OBJECT.search(text)
    if not match:
        return {}
    lines: dict[int, int] = {}
    base = text.count("\n", 0, match.start(1)) + 1
    body = match.group(1)
    line, position = base, 0
    for key in _VALUE_KEY.finditer(body):  # counted incrementally: files can be large
        line += body.count("\n", position, key.start())
        position = key.start()
        lines[int(key.group(1))] = line
    return lines
