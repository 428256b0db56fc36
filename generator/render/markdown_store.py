"""Rendered contributor Markdown, kept between builds.

Markdown + sanitizing is the largest part of our own build time (about
0.6 ms a field, ten thousand fields at 1,000 practices). The result depends
only on the text and on the renderer's versions and allow-list, so it is
stored in `.cache/markdown.sqlite` under a hash of those: a rebuild after a
data refresh, or of the other language, renders only text it has not seen.
"""

from __future__ import annotations

import hashlib
import sqlite3
from importlib.metadata import version
from pathlib import Path

from generator.render import text


def _renderer_key() -> str:
    """Changes whenever rendering could change: library versions, allow-list."""
    # sorted everywhere: set order changes with each process's hash seed
    attributes = sorted((tag, sorted(names)) for tag, names in text.ALLOWED_ATTRIBUTES.items())
    parts = [version("markdown"), version("nh3"), repr(sorted(text.ALLOWED_TAGS)), repr(attributes)]
    parts.append(repr(sorted(text.URL_SCHEMES)))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


class MarkdownStore:
    def __init__(self, cache_dir: Path | None):
        self._db: sqlite3.Connection | None = None
        self._prefix = _renderer_key()
        if cache_dir is not None:
            try:
                cache_dir.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(cache_dir / "markdown.sqlite")
                self._db.execute("CREATE TABLE IF NOT EXISTS html (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            except sqlite3.Error:
                self._db = None  # a cache is an optimisation, never a reason to fail
        self.hits = self.misses = 0

    def render(self, source: str) -> str:
        # no copy in memory: the database answers in microseconds, and ten
        # thousand practices' HTML would otherwise stay resident for the build
        key = hashlib.sha256((self._prefix + source).encode()).hexdigest()
        if self._db is not None:
            row = self._db.execute("SELECT value FROM html WHERE key = ?", (key,)).fetchone()
            if row is not None:
                self.hits += 1
                return row[0]
        self.misses += 1
        html = text.render_markdown(source)
        if self._db is not None:
            self._db.execute("INSERT OR REPLACE INTO html VALUES (?, ?)", (key, html))
        return html

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.commit()
            except sqlite3.Error:
                pass
            self._db.close()
            self._db = None
