"""Chart templates: an Altair chart made once, filled many times.

A chart kind (kinds.py) is written with Altair against named data sources
(`alt.NamedData("rows")`) and with *slots* where a chart's own text goes
(its title, the order of its countries …). Altair turns it into a Vega-Lite
dict once per kind, language and variant, validating it then; each chart is
a copy of that dict with its slots and rows filled in. Building every chart
through `alt.Data` with validation costs about 370 ms; a filled template well
under a millisecond.

Templates are also kept on disk (by the hash of their inputs and of the code
that defines them), so a rebuild does not import Altair at all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from .render import atomic_write

_MARK = "\u2063slot:"  # an invisible separator: never in real text
Path_ = tuple[str | int, ...]


def slot(name: str) -> str:
    """A placeholder for one value (text, number, list, expression …)."""
    return f"{_MARK}{name}\u2063"


def slot_list(name: str) -> list[str]:
    """A placeholder where Altair expects a list (a scale domain, a sort order)."""
    return [slot(name)]


@dataclass(frozen=True)
class Template:
    spec: dict
    slots: dict[str, tuple[Path_, ...]]

    @classmethod
    def from_dict(cls, spec: dict) -> Template:
        found: dict[str, list[Path_]] = {}
        _find_slots(spec, (), found)
        return cls(spec, {name: tuple(paths) for name, paths in found.items()})

    def fill(self, datasets: Mapping[str, list[dict]], **values: Any) -> dict:
        """A new spec: the template with every slot set and the rows inline.

        Values for slots this template lacks are ignored (the other style
        of the same kind uses them); a slot without a value is an error.
        """
        missing = set(self.slots) - set(values)
        if missing:
            raise ValueError(f"slots without a value: {sorted(missing)}")
        spec = dict(self.spec)
        copied = {(): spec}
        for name, paths in self.slots.items():
            for path in paths:
                _parent(spec, path, copied)[path[-1]] = values[name]
        spec["datasets"] = dict(datasets)
        return spec


def _find_slots(node: Any, path: Path_, found: dict[str, list[Path_]]) -> None:
    name = _slot_name(node)
    if name is not None:
        found.setdefault(name, []).append(path)
        return
    if isinstance(node, dict):
        for key, value in node.items():
            _find_slots(value, (*path, key), found)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _find_slots(value, (*path, index), found)


def _slot_name(node: Any) -> str | None:
    if isinstance(node, list) and len(node) == 1:
        node = node[0]
    if isinstance(node, str) and node.startswith(_MARK):
        return node[len(_MARK):-1]
    if isinstance(node, str) and _MARK in node:
        raise ValueError(f"a slot must be a whole value, not part of one: {node!r}")
    return None


def _parent(spec: dict, path: Path_, copied: dict[Path_, Any]) -> Any:
    """The container of a slot, copied along its path: the rest of the template is
    shared between charts (nothing changes a spec after it is filled)."""
    node = spec
    for depth in range(1, len(path)):
        prefix = path[:depth]
        if prefix not in copied:
            child = node[path[depth - 1]]
            copied[prefix] = node[path[depth - 1]] = dict(child) if isinstance(child, dict) else list(child)
        node = copied[prefix]
    return node


# -- the store ---------------------------------------------------------------------

_MEMORY: dict[str, Template] = {}
_STORED: set[tuple[str, Path]] = set()  # (key, file) known to be on disk
_CODE_FILES = ("kinds.py", "style.py", "templates.py", "locale.py")


def _code_version() -> str:
    """Changes whenever the code that defines templates, or Altair, changes."""
    here = Path(__file__).resolve().parent
    text = "".join((here / name).read_text(encoding="utf-8") for name in _CODE_FILES)
    versions = " ".join(metadata.version(name) for name in ("altair", "babel"))
    return f"{versions}\n{hashlib.sha256(text.encode()).hexdigest()}"


_VERSION: list[str] = []


def template(
    kind: str, inputs: Mapping[str, Any], make: Callable[[Mapping[str, Any]], Any],
    cache_dir: Path | None = None,
) -> Template:
    """The template of `kind` for these inputs (translated labels, language …).

    `make(inputs)` returns the Altair chart; it runs once per distinct inputs
    (then from memory, or from the folder `cache_dir` in a later build).
    """
    if not _VERSION:
        _VERSION.append(_code_version())
    key = hashlib.sha256(
        json.dumps([_VERSION[0], kind, inputs], sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    path = Path(cache_dir) / f"{kind}-{key[:32]}.json" if cache_dir else None
    if key not in _MEMORY:
        spec = _read(path) if path else None
        if spec is None:
            spec = make(inputs).to_dict()  # Altair validates the template here, once
        _MEMORY[key] = Template.from_dict(spec)
    if path and (key, path) not in _STORED:
        if not path.exists():
            _write(path, _MEMORY[key].spec)
        _STORED.add((key, path))
    return _MEMORY[key]


def _read(path: Path) -> dict | None:
    """A stored template, or None (made again) when it is absent, damaged, or
    holds what no template of ours does: links, data loaded from an address."""
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return spec if isinstance(spec, dict) and _inert(spec) else None


_OUTWARD_KEYS = frozenset({"href", "url", "usermeta", "loader"})


def _inert(node: Any) -> bool:
    if isinstance(node, dict):
        return all(key not in _OUTWARD_KEYS and (key == "$schema" or _inert(value))
                   for key, value in node.items())
    if isinstance(node, list):
        return all(_inert(value) for value in node)
    return not (isinstance(node, str) and ("javascript:" in node.lower() or "://" in node))


def _write(path: Path, spec: dict) -> None:
    try:
        atomic_write(path, json.dumps(spec, ensure_ascii=False))
    except OSError:
        pass  # a read-only or full disk: the template is made again next build
