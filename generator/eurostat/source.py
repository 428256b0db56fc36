"""Reading a downloaded file as text, with a located error instead of a traceback.

Eurostat ships bulk files gzip-compressed (`estat_lfsa_ergan.tsv.gz`); a
gzip file is recognised by its first bytes, whatever its name, and read as
the text inside.
"""

from __future__ import annotations

import csv
import gzip
import io
import zlib
from collections.abc import Iterator
from pathlib import Path

from generator.problems import Location, Problems

_GZIP_MAGIC = b"\x1f\x8b"
# A whole Eurostat dataset is tens of megabytes; far more is a damaged or
# hostile archive (a few kilobytes can expand to gigabytes).
MAX_TEXT_BYTES = 1 << 30


def read_text(path: Path, where: str, problems: Problems) -> str | None:
    """The file (un-gzipped) decoded as UTF-8, BOM dropped; None after reporting a problem."""
    data = _read_bytes(path, where, problems)
    if data is None:
        return None
    if data[:2] == _GZIP_MAGIC:
        data = _gunzip(data, where, problems)
        if data is None:
            return None
    return decode(data, where, problems)


def _read_bytes(path: Path, where: str, problems: Problems) -> bytes | None:
    if path.is_dir():
        problems.error(Location(where), "is a folder; give the downloaded file itself")
        return None
    try:
        return path.read_bytes()
    except FileNotFoundError:
        problems.error(Location(where), "no such file (the file to import)")
    except OSError as exc:
        problems.error(Location(where), f"cannot read the file to import: {exc.strerror or exc}")
    return None


def _gunzip(data: bytes, where: str, problems: Problems) -> bytes | None:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            text = stream.read(MAX_TEXT_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        problems.error(
            Location(where),
            f"the gzip file is damaged or cut off ({exc}); download it again",
        )
        return None
    if len(text) > MAX_TEXT_BYTES:
        problems.error(
            Location(where),
            f"the gzip file expands to more than {MAX_TEXT_BYTES >> 20} MiB; "
            "download a filtered extract of the dataset instead",
        )
        return None
    return text


def decode(data: bytes, where: str, problems: Problems) -> str | None:
    """UTF-8 text (BOM dropped); a located error at the first bad byte otherwise."""
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
