"""A build cache in SQLite that is an optimisation, never a reason to fail.

The Markdown cache and the page cache share this: the database is opened
(and its table made) once; any SQLite or file-system error from then on
closes it with one warning, and the build goes on without it.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

# Not under "mkdocs": a bypassed cache is worth saying, not a warning that fails a strict build.
log = logging.getLogger("european_modules.cache")


class CacheDatabase:
    """`what` names the cache in warnings ("the page cache")."""

    def __init__(self, path: Path, table: str, what: str, *, timeout: float, autocommit: bool = False):
        self.what = what
        self.db: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=timeout, **({"isolation_level": None} if autocommit else {}))
            self.db.execute(f"CREATE TABLE IF NOT EXISTS {table}")
        except (sqlite3.Error, OSError) as exc:
            self.bypass(exc)

    def bypass(self, exc: Exception) -> None:
        log.warning(f"{self.what} cannot be used ({exc}); building without it")
        self._close()

    def row(self, sql: str, parameters: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """One row, or None when there is none or the database failed."""
        if self.db is None:
            return None
        try:
            return self.db.execute(sql, parameters).fetchone()
        except sqlite3.Error as exc:
            self.bypass(exc)
            return None

    def run(self, sql: str, parameters: tuple[Any, ...] = ()) -> None:
        if self.db is None:
            return
        try:
            self.db.execute(sql, parameters)
        except sqlite3.Error as exc:
            self.bypass(exc)

    def save(self) -> None:
        """Commit and close; a failed commit costs the next build some time."""
        if self.db is None:
            return
        try:
            self.db.commit()
        except sqlite3.Error as exc:
            log.warning(f"{self.what} could not be saved ({exc}); the next build renders again")
        self._close()

    def _close(self) -> None:
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
        self.db = None
