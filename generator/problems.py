"""Located problems (errors and warnings) and how they are printed.

Every check in the toolkit reports a `Problem` instead of raising, so that a
single run collects every mistake in every file (two phases: validate all,
then write). User errors become clean messages only at the CLI boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; line and column are 1-based (0 = unknown)."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line and self.column:
            return f"{self.path}:{self.line}:{self.column}"
        if self.line:
            return f"{self.path}:{self.line}"
        return self.path


@dataclass(frozen=True)
class Problem:
    location: Location
    message: str
    severity: Severity = Severity.ERROR
    field: str = ""  # dotted path of the field concerned, e.g. "components[2].title"

    def format(self, style: str = "text") -> str:
        """One line, whatever the message holds: control characters and line
        breaks in a path, field or message (all of which a contributor can
        write) are shown escaped, so no output line can become a CI command."""
        if style == "github":
            return _github_annotation(self)
        where = f" [{safe_text(self.field)}]" if self.field else ""
        return f"{safe_text(str(self.location))}: {self.severity.value}:{where} {safe_text(self.message)}"


def _github_annotation(problem: Problem) -> str:
    """One GitHub Actions workflow command, shown on the changed line of a PR."""
    loc = problem.location
    props = [f"file={_escape_property(loc.path)}"]
    if loc.line:
        props.append(f"line={loc.line}")
    if loc.column:
        props.append(f"col={loc.column}")
    title = f"toolkit: {problem.field}" if problem.field else "toolkit"
    props.append(f"title={_escape_property(title)}")
    return f"::{problem.severity.value} {','.join(props)}::{_escape_data(problem.message)}"


def _escape_data(text: str) -> str:
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return safe_text(escaped)


# C0 and C1 control characters, DEL, and the Unicode line/paragraph separators
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def safe_text(text: object) -> str:
    """`text` on one printable line: control characters become visible escapes."""
    return _CONTROL.sub(lambda m: repr(m.group(0))[1:-1] if ord(m.group(0)) < 0x100 else f"\\u{ord(m.group(0)):04x}",
                        str(text))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Problems:
    """An ordered collection of problems gathered across a whole run."""

    items: list[Problem] = field(default_factory=list)

    def error(self, location: Location, message: str, field: str = "") -> None:
        self.items.append(Problem(location, message, Severity.ERROR, field))

    def warning(self, location: Location, message: str, field: str = "") -> None:
        self.items.append(Problem(location, message, Severity.WARNING, field))

    def extend(self, other: Problems | list[Problem]) -> None:
        self.items.extend(other.items if isinstance(other, Problems) else other)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (p.location, p.message))

    def __bool__(self) -> bool:
        return bool(self.items)


class ToolkitError(Exception):
    """A user-facing failure that carries located problems, never a traceback."""

    def __init__(self, problems: Problems | list[Problem], summary: str = ""):
        self.problems = problems if isinstance(problems, Problems) else Problems(list(problems))
        super().__init__(summary or f"{len(self.problems.errors)} error(s)")

    @classmethod
    def at(cls, location: Location, message: str, summary: str, field: str = "") -> ToolkitError:
        """One located error (the common case of a refused command)."""
        problems = Problems()
        problems.error(location, message, field=field)
        return cls(problems, summary)


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as a contributor would type it: relative to the project when possible."""
    try:
        return str(path.resolve().relative_to((root or Path.cwd()).resolve()))
    except ValueError:
        return str(path)
