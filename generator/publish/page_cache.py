"""Finished pages kept between `toolkit build`s, keyed by everything that
reaches their HTML.

MkDocs renders every page on every build. `toolkit build` knows each page's
inputs: its own HTML and metadata (which hold every content and data value it
shows), and what every page shares: the navigation, the theme's templates and
settings, the configuration and the versions of the toolkit, MkDocs and
Material. A page whose key is stored is not given to MkDocs at all; its HTML
is written from here, so a build after one edit renders only the pages the
edit changed, and the site is byte-identical to a clean build.

Entries carry a checksum of key and value and a layout version: a corrupt or
foreign entry is discarded and the page rendered. A damaged database is
bypassed with a warning. The links and ids of each page are kept beside it,
so the link check need not read unchanged pages again.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from importlib.metadata import version
from pathlib import Path
from typing import Any

from generator.cache_database import CacheDatabase
from generator.render.output import GeneratedPage

_LAYOUT = 2  # bump when what is stored beside a page (its links, its script check) changes


def _versions() -> str:
    from generator.authority.upgrade import toolkit_version

    return "|".join([toolkit_version(), version("mkdocs"), version("mkdocs-material"), str(_LAYOUT)])


def _folder_digest(folder: Path | None) -> str:
    digest = hashlib.sha256()
    if folder and folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def site_signature(config: Any, nav: Any, theme_dirs: list[Path]) -> str:
    """What every page shares. `theme_dirs`: template folders that are not
    Material's own (ours and the publisher's custom_dir); Material's are
    covered by its version."""
    theme = {key: config.theme[key] for key in config.theme}  # every theme setting, whoever reads it
    settings = {
        "site": [config.site_name, config.site_url, config.site_description, config.site_author,
                 config.copyright, config.repo_url, config.repo_name, config.edit_uri,
                 config.use_directory_urls],
        "theme": theme,
        "extra": dict(config.extra),
        "css": [str(getattr(c, "path", c)) for c in config.extra_css],
        "js": [str(getattr(j, "path", j)) for j in config.extra_javascript],
        # every plugin's settings: another plugin may change what a page holds
        "plugins": [[name, dict(plugin.config)] for name, plugin in config.plugins.items()],
        "markdown": [config.markdown_extensions, config.mdx_configs],
        "nav": nav,
    }
    text = json.dumps(settings, sort_keys=True, default=str, ensure_ascii=False)
    folders = "|".join(_folder_digest(d) for d in theme_dirs)
    return hashlib.sha256(f"{_versions()}\n{folders}\n{text}".encode()).hexdigest()


def page_key(signature: str, page: GeneratedPage) -> str:
    own = json.dumps([page.src_path, page.title, page.description, list(page.hide),
                      [[h.id, h.text, h.level] for h in page.toc]], ensure_ascii=False)
    return hashlib.sha256(f"{signature}\n{own}\n".encode() + page.html.encode()).hexdigest()


def _checksum(key: str, value: bytes) -> str:
    return hashlib.sha256(key.encode() + b"\0" + value).hexdigest()


class PageCache:
    def __init__(self, cache_dir: Path, language: str):
        self.hits = self.misses = self.discarded = 0
        self._cache = CacheDatabase(
            cache_dir / f"pages-{language}.sqlite",
            f"pages_v{_LAYOUT} (key TEXT PRIMARY KEY, value BLOB NOT NULL, links TEXT NOT NULL, "
            "checksum TEXT NOT NULL)",
            "the page cache", timeout=1.0)

    def get(self, key: str) -> tuple[bytes, str] | None:
        """(the page's bytes, its links as JSON), or None."""
        row = self._cache.row(f"SELECT value, links, checksum FROM pages_v{_LAYOUT} WHERE key = ?", (key,))
        if row is None:
            self.misses += 1
            return None
        try:
            value = zlib.decompress(row[0])
        except (zlib.error, TypeError):
            value = b""
        if not value or row[2] != _checksum(key, value + row[1].encode()):
            self.discarded += 1
            return None
        self.hits += 1
        return value, row[1]

    def put(self, key: str, value: bytes, links: str) -> None:
        if self._cache.db is not None:
            # level 1: half the time of level 6 for every page of a cold build; the file a little larger
            self._cache.run(f"INSERT OR REPLACE INTO pages_v{_LAYOUT} VALUES (?, ?, ?, ?)",
                            (key, zlib.compress(value, 1), links, _checksum(key, value + links.encode())))

    def keep_only(self, keys: set[str]) -> None:
        """Forget entries this build did not use (the cache holds one site)."""
        db = self._cache.db
        if db is None:
            return
        try:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
            db.execute("DELETE FROM used")
            db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in keys))
            db.execute(f"DELETE FROM pages_v{_LAYOUT} WHERE key NOT IN (SELECT key FROM used)")
        except sqlite3.Error as exc:
            self._cache.bypass(exc)

    def close(self) -> None:
        self._cache.save()
