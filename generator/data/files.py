"""Replacing a data file atomically, with the permissions a file normally gets."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def prepare(path: Path, text: str) -> Path:
    """Write `text` to a temporary file beside `path`; `commit` moves it in place.

    Readers never see half a file, and a failure leaves `path` as it was.
    mkstemp creates files readable by their owner only (0600): the final file
    gets the mode of the file it replaces, or the usual mode for a new file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, _mode_for(path))
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def commit(temporary: Path, path: Path) -> None:
    os.replace(temporary, path)


def discard(temporary: Path) -> None:
    temporary.unlink(missing_ok=True)


def write_atomically(path: Path, text: str) -> None:
    commit(prepare(path, text), path)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
