"""Strict YAML reading: bytes on disk → a tree of located nodes, or located problems.

PyYAML's resolver follows YAML 1.1 (`NO` → False, `010` → 8, `1:20` → 80).
We only *compose* the document (the C composer keeps marks and is fast) and
never construct Python values from YAML tags: every scalar stays the text that
was written, and the content schema decides what type a field has. That makes
`country: NO` the string "NO" and `version: 3.10` the string "3.10".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.problems import Location, Problems

try:  # the C composer is ~10x faster and keeps node marks
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

# Tags a plain scalar may resolve to implicitly; an explicit tag outside this
# set (`!!python/object`, `!!binary`, `!custom`) is refused.
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}

_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Scalar:
    text: str
    plain: bool  # written without quotes or block style: may be a number/bool/null
    location: Location


@dataclass(frozen=True, slots=True)
class Seq:
    items: list[Node]
    location: Location


@dataclass(frozen=True, slots=True)
class Map:
    # key text → (location of the key, value node); insertion order kept
    entries: dict[str, tuple[Location, Node]]
    location: Location


Node = Scalar | Seq | Map


def read_yaml(path: Path, shown_as: str, problems: Problems) -> Node | None:
    """Read one YAML file; on any problem record it (located) and return None."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(Location(shown_as), f"cannot read file: {exc.strerror}")
        return None
    text = _decode(raw, shown_as, problems)
    if text is None:
        return None
    return parse_yaml(text, shown_as, problems)


def parse_yaml(text: str, shown_as: str, problems: Problems) -> Node | None:
    if not _has_content(text):
        problems.error(
            Location(shown_as, 1, 1), "the file is empty; write the fields (see the schema)"
        )
        return None
    tab = _tab_indent(text)
    if tab:
        problems.error(
            Location(shown_as, tab, 1),
            "tab character used for indentation; YAML needs spaces (use 2 spaces per level)",
        )
        return None
    if ("&" in text or "*" in text) and _report_aliases(text, shown_as, problems):
        return None
    try:
        documents = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.error(Location(shown_as, line, col), f"invalid YAML: {exc.problem or exc}")
        return None
    except yaml.YAMLError as exc:
        problems.error(Location(shown_as, 1, 1), f"invalid YAML: {exc}")
        return None
    documents = [d for d in documents if d is not None]
    if not documents:
        problems.error(Location(shown_as, 1, 1), "the file has no YAML content")
        return None
    if len(documents) > 1:
        second = documents[1].start_mark
        problems.error(
            Location(shown_as, second.line + 1, second.column + 1),
            "more than one YAML document ('---') in one file; keep one per file",
        )
        return None
    # Duplicate keys and refused tags are reported, but the rest of the tree
    # is returned so its id still counts (no cascade of "unknown id" errors).
    return _convert(documents[0], shown_as, problems)


def _decode(raw: bytes, shown_as: str, problems: Problems) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.error(
            Location(shown_as, 1, 1),
            "the file is UTF-16 encoded; save it as UTF-8 (without BOM) and try again",
        )
        return None
    if raw.startswith(_UTF8_BOM):  # accepted: editors on Windows add it
        raw = raw[len(_UTF8_BOM) :]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(raw, nul)
        problems.error(
            Location(shown_as, line, col),
            "NUL byte in file: this is not a text file (or it is UTF-16); save it as UTF-8",
        )
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        problems.error(
            Location(shown_as, line, col),
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02X}); it is probably "
            "Latin-1/Windows-1252: re-save it as UTF-8",
        )
        return None


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _has_content(text: str) -> bool:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped not in ("---", "..."):
            return True
    return False


_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


def _tab_indent(text: str) -> int:
    """Line number of the first line indented with a tab (0 when none).

    Tabs inside block scalars are content, but a contributor who mixes tabs in
    Markdown bodies almost always meant spaces, so we refuse them everywhere.
    """
    match = _TAB_INDENT.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def _report_aliases(text: str, shown_as: str, problems: Problems) -> bool:
    """Refuse anchors and aliases before composing: a 300-byte alias bomb
    would otherwise expand to billions of nodes when the data is walked."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent) or anchor:
                mark = event.start_mark
                problems.error(
                    Location(shown_as, mark.line + 1, mark.column + 1),
                    "YAML anchors and aliases (&name / *name) are not allowed; "
                    "write the value out in full",
                )
                return True
    except yaml.YAMLError:
        return False  # the composer reports the syntax error with its location
    return False


def _loc(shown_as: str, node: yaml.Node) -> Location:
    return Location(shown_as, node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(node: yaml.Node, shown_as: str, problems: Problems) -> Node:
    location = _loc(shown_as, node)
    if node.tag not in _STANDARD_TAGS:
        problems.error(
            location, f"YAML tag '{node.tag}' is not allowed; remove it and write a plain value"
        )
        return Scalar("", False, location)
    if isinstance(node, yaml.ScalarNode):
        return Scalar(node.value, node.style in (None, ""), location)
    if isinstance(node, yaml.SequenceNode):
        return Seq([_convert(item, shown_as, problems) for item in node.value], location)
    entries: dict[str, tuple[Location, Node]] = {}
    for key_node, value_node in node.value:
        key_loc = _loc(shown_as, key_node)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.error(key_loc, "a key must be a plain name, not a list or mapping")
            continue
        key = key_node.value
        if key in entries:
            first = entries[key][0]
            problems.error(
                key_loc,
                f"duplicate key '{key}' (first defined at line {first.line}); "
                "keep only one of them",
                field=key,
            )
            continue
        entries[key] = (key_loc, _convert(value_node, shown_as, problems))
    return Map(entries, location)
