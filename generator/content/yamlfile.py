"""Strict YAML reading: bytes on disk → a tree of located nodes, or located problems.

PyYAML's resolver follows YAML 1.1 (`NO` → False, `010` → 8, `1:20` → 80).
We only *compose* the document (the C composer keeps marks and is fast) and
never construct Python values from YAML tags: every scalar stays the text that
was written, and the content schema decides what type a field has. That makes
`country: NO` the string "NO" and `version: 3.10` the string "3.10".
"""

from __future__ import annotations

import re
import unicodedata
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
    if len(raw) > MAX_FILE_BYTES:
        problems.error(
            Location(shown_as),
            f"the file is {len(raw):,} bytes; content files are at most {MAX_FILE_BYTES:,} bytes "
            "(split a long text, or link to the document instead)",
        )
        return None
    text = _decode(raw, shown_as, problems)
    if text is None:
        return None
    return parse_yaml(text, shown_as, problems)


def parse_yaml(text: str, shown_as: str, problems: Problems, any_tags: bool = False) -> Node | None:
    """`any_tags`: keep explicitly tagged values (for mkdocs.yml, whose `!ENV`
    and `!!python/name:` tags MkDocs itself resolves); refused otherwise."""
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
    try:
        return _tree(text, shown_as, problems, any_tags)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        started = exc.context_mark
        # where the unclosed thing began is usually where the mistake is
        context = (f" ({exc.context} that starts at line {started.line + 1}, column {started.column + 1})"
                   if exc.context and started and mark and started.line != mark.line else "")
        problems.error(Location(shown_as, line, col), f"invalid YAML: {exc.problem or exc}{context}; check the "
                       "quotes, brackets and indentation there (text with a colon or a # needs quotes)")
        return None
    except yaml.YAMLError as exc:
        problems.error(Location(shown_as, 1, 1), f"invalid YAML: {exc}")
        return None


class _Refused(Exception):
    """The document cannot be read further (alias, depth, second document)."""


def _tree(text: str, shown_as: str, problems: Problems, any_tags: bool = False) -> Node | None:
    """Our located tree, built from libyaml's event stream with an explicit
    stack: nothing recurses, so no nesting depth can exhaust Python's or C's
    stack, and aliases are refused before anything could expand them.

    Duplicate keys and refused tags are reported, but the rest of the tree is
    returned so its id still counts (no cascade of "unknown id" errors).
    """
    # each frame: [Map entries dict | Seq items list, location, pending key (maps), refused tag]
    stack: list[list] = []
    root: Node | None = None
    documents = 0

    def here(event) -> Location:  # type: ignore[no-untyped-def]
        return Location(shown_as, event.start_mark.line + 1, event.start_mark.column + 1)

    def attach(node: Node, key_location: Location | None = None) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        frame = stack[-1]
        if isinstance(frame[0], list):
            frame[0].append(node)
        elif frame[2] is None:  # this node is a key
            if not isinstance(node, Scalar):
                problems.error(node.location, "a key must be a plain name, not a list or mapping")
                frame[2] = ("", node.location, True)  # skip its value
            else:
                frame[2] = (node.text, node.location, False)
        else:
            key, location, skip = frame[2]
            frame[2] = None
            if skip:
                return
            if key in frame[0]:
                first = frame[0][key][0]
                problems.error(
                    location,
                    f"duplicate key '{key}' (first defined at line {first.line}); keep only one of them",
                    field=key,
                )
                return
            frame[0][key] = (location, node)

    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    problems.error(here(event), "more than one YAML document ('---') in one file; keep one per file")
                    raise _Refused
                continue
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                problems.error(
                    here(event),
                    "YAML anchors and aliases (&name / *name) are not allowed; write the value out in full",
                )
                raise _Refused
            if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):
                location = here(event)
                tag = event.tag
                refused = not any_tags and tag not in (None, "!") and tag not in _STANDARD_TAGS
                if refused:
                    problems.error(location, f"YAML tag '{tag}' is not allowed; remove it and write a plain value")
                if isinstance(event, yaml.ScalarEvent):
                    value = "" if refused else event.value
                    attach(Scalar(_clean(value, location, problems), event.style in (None, "") and not refused,
                                  location))
                    continue
                if len(stack) >= MAX_DEPTH:
                    problems.error(
                        location, f"nested more than {MAX_DEPTH} levels deep; content files are shallower than that"
                    )
                    raise _Refused
                container: dict | list = {} if isinstance(event, yaml.MappingStartEvent) else []
                stack.append([container, location, None, refused])
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                container, location, _pending, refused = stack.pop()
                if refused:  # a refused tag: the value is dropped, its key still counts
                    attach(Scalar("", False, location))
                else:
                    attach(Map(container, location) if isinstance(container, dict) else Seq(container, location))
    except _Refused:
        return None
    if root is None:
        problems.error(Location(shown_as, 1, 1), "the file has no YAML content")
    return root


MAX_DEPTH = 16  # deeper than any content type needs (a module is 4 levels)
MAX_FILE_BYTES = 1_000_000

# Control characters other than tab and line feed: invisible, and some make
# other tools (MkDocs' front matter, terminals, CI logs) misread the text.
_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _clean(value: str, location: Location, problems: Problems) -> str:
    """A scalar's text in NFC (so "café" typed two ways is one label), or an
    error for control characters that only escapes (\\x01) can put there."""
    match = _CONTROL_IN_TEXT.search(value)
    if match:
        problems.error(
            location,
            f"control character U+{ord(match.group(0)):04X} in the text; remove it "
            "(it is invisible and breaks other tools)",
        )
        value = _CONTROL_IN_TEXT.sub("", value)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", value)


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
