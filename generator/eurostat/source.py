"""Reading a downloaded file as text, with a located error instead of a traceback."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from generator.problems import Location, Problems


def read_text(path: Path, where: str, problems: Problems) -> str | None:
    """The file decoded as UTF-8 (a BOM is dropped); None after reporting a problem."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.error(Location(where), f"cannot read file: {exc.strerror or exc}")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Point at the offending byte so the contributor can find it in an editor.
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        problems.error(
            Location(where, line, column),
            f"not UTF-8 text (byte 0x{data[exc.start]:02x}); "
            "download the file again from Eurostat without converting it",
        )
        return None


def first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""


def csv_rows(text: str, where: str, problems: Problems) -> Iterator[tuple[int, list[str]]]:
    """(starting line, cells) for each non-blank CSV record; stops at a broken quote."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # A cut-off quoted field ends the file inside quotes: report where it began.
            problems.error(Location(where, start), f"malformed CSV ({exc}); is the file truncated?")
            return
        if row:
            yield start, row
        start = reader.line_num + 1


def check_width(
    line: int, row: list[str], header: list[str], where: str, problems: Problems
) -> bool:
    """A record must have exactly one cell per header column (else it was cut or shifted)."""
    if len(row) == len(header):
        return True
    hint = "the file looks truncated" if len(row) < len(header) else "extra cells"
    problems.error(
        Location(where, line),
        f"row has {len(row)} cells but the header has {len(header)} ({hint})",
    )
    return False
