"""Rendered contributor Markdown, kept between builds.

Markdown is the largest part of our own build time (about 0.6 ms a field,
ten thousand fields at 1,000 practices). Its HTML depends only on the text
and on the renderer's versions and allow-list, so it is stored in
`.cache/markdown.sqlite` under a hash of those.

The cache is never trusted: each entry carries a checksum of its key and
value (a corrupt or foreign entry is discarded and rendered again), and what
is read is sanitized by nh3 again, so even a cache someone wrote by hand
cannot put markup on a page. A locked, read-only or corrupt database is
bypassed with one warning; a cache is an optimisation, never a reason to fail.
"""

from __future__ import annotations

import hashlib
import sqlite3
from importlib.metadata import version
from pathlib import Path

from generator.cache_database import CacheDatabase, log
from generator.render import text

_SCHEMA = 2  # entries of other layouts are ignored (the table name carries it)


def _renderer_key() -> str:
    """Changes whenever rendering could change: library versions, allow-list."""
    # sorted everywhere: set order changes with each process's hash seed
    attributes = sorted((tag, sorted(names)) for tag, names in text.ALLOWED_ATTRIBUTES.items())
    parts = [version("markdown"), version("nh3"), repr(sorted(text.ALLOWED_TAGS)), repr(attributes)]
    parts.append(repr(sorted(text.URL_SCHEMES)))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def _checksum(key: str, html: str) -> str:
    return hashlib.sha256(f"{key}\n{html}".encode()).hexdigest()


_BATCH = 500  # new entries written per transaction


class MarkdownStore:
    def __init__(self, cache_dir: Path | None):
        self._prefix = _renderer_key()
        self.hits = self.misses = self.discarded = 0
        self._pending: list[tuple[str, str, str]] = []
        self._cache: CacheDatabase | None = None
        if cache_dir is not None:
            # Every language's build process shares this file: writes go in
            # short batches (below), so one process never holds the lock for
            # a whole build, and a reader waits at most a moment.
            self._cache = CacheDatabase(
                cache_dir / "markdown.sqlite",
                f"html_v{_SCHEMA} (key TEXT PRIMARY KEY, value TEXT NOT NULL, checksum TEXT NOT NULL)",
                "the Markdown cache", timeout=5.0, autocommit=True)

    def render(self, source: str) -> str:
        # no copy in memory: the database answers in microseconds, and ten
        # thousand practices' HTML would otherwise stay resident for the build
        key = hashlib.sha256((self._prefix + source).encode()).hexdigest()
        cached = self._get(key)
        if cached is not None:
            self.hits += 1
            return text.sanitize(cached)
        self.misses += 1
        html = text.render_markdown(source)
        self._put(key, html)
        return html

    def _get(self, key: str) -> str | None:
        if self._cache is None:
            return None
        row = self._cache.row(f"SELECT value, checksum FROM html_v{_SCHEMA} WHERE key = ?", (key,))
        if row is None:
            return None
        value, checksum = row
        if not isinstance(value, str) or checksum != _checksum(key, value):
            self.discarded += 1
            return None
        return value

    def _put(self, key: str, html: str) -> None:
        if self._cache is None or self._cache.db is None:
            return
        self._pending.append((key, html, _checksum(key, html)))
        if len(self._pending) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        db = self._cache.db if self._cache else None
        if db is None or not self._pending:
            return
        try:
            with db:  # one short transaction
                db.execute("BEGIN IMMEDIATE")
                db.executemany(f"INSERT OR REPLACE INTO html_v{_SCHEMA} VALUES (?, ?, ?)", self._pending)
        except sqlite3.Error as exc:
            log.warning(f"the Markdown cache could not be saved ({exc}); the next build renders again")
        self._pending.clear()

    def close(self) -> None:
        if self._cache is not None:
            self._flush()
            self._cache.save()
