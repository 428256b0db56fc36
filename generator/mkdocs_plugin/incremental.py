"""Incremental `toolkit build`: generated pages whose inputs did not change
are not given to MkDocs; their stored HTML is written instead.

Used by the plugin's hooks when `toolkit build` asks for it (plain `mkdocs
build` and the preview render every page). Pages in the navigation are always
built: they are few, and MkDocs links them to each other (previous/next).
Because carried pages are not among MkDocs' files, its sitemap would miss
them; `toolkit build` writes the sitemap itself, from every page, in clean
and incremental builds alike.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
from html import escape
from pathlib import Path

from generator.publish.csp import page_script_problems
from generator.publish.linkcheck import extract
from generator.publish.page_cache import PageCache, page_key, site_signature
from generator.render import urls
from generator.render.output import GeneratedPage


class IncrementalPages:
    def __init__(self, cache_dir: Path, language: str, directory_urls: bool):
        self.cache = PageCache(cache_dir, language)
        self.directory_urls = directory_urls
        self.signature = ""
        self.keys: dict[str, str] = {}  # src path → key, for every generated page
        self.carried: set[str] = set()  # src paths of the pages written from the cache
        self.links: dict[str, dict[str, list]] = {}  # page file in the site → its links and ids
        self.site_dir = Path()

    def start(self, config, theme_dirs: list[Path]) -> None:  # type: ignore[no-untyped-def]
        self.signature = site_signature(config, config.nav, theme_dirs)
        self.site_dir = Path(config.site_dir)  # emptied by MkDocs before on_files, where pages are reused

    def reuse(self, page: GeneratedPage, in_nav: bool) -> bool:
        """True when the page's stored HTML was written instead of building it.
        Written at once, so a large site's pages are never all held in memory."""
        key = page_key(self.signature, page)
        self.keys[page.src_path] = key
        if in_nav:
            return False
        stored = self.cache.get(key)
        if stored is None:
            return False
        data, links = stored
        dest = self.dest(page.src_path)
        target = self.site_dir / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.links[dest] = json.loads(links)
        self.carried.add(page.src_path)
        return True

    def built(self, src_path: str, output: str) -> None:
        key = self.keys.get(src_path)
        if key is None or src_path in self.carried:
            return
        data = output.encode("utf-8", errors="xmlcharrefreplace")  # as MkDocs writes it
        found = {**extract(output), "scripts": page_script_problems(output)}
        self.links[self.dest(src_path)] = found
        self.cache.put(key, data, json.dumps(found, ensure_ascii=False))

    def dest(self, src_path: str) -> str:
        url = urls.page_url(src_path, self.directory_urls)
        return url + "index.html" if url == "" or url.endswith("/") else url

    def finish(self) -> None:
        self.cache.keep_only(set(self.keys.values()))
        self.cache.close()


def write_sitemap(site_dir: Path, site_url: str, page_urls: list[str]) -> None:
    """sitemap.xml (and .gz) of every page, dated by SOURCE_DATE_EPOCH as
    MkDocs does; without a site_url, an empty one (MkDocs lists only absolute
    addresses)."""
    stamp = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    date = dt.datetime.fromtimestamp(stamp, dt.UTC).strftime("%Y-%m-%d") if stamp else ""
    base = site_url.rstrip("/") + "/" if site_url else ""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    if base:
        for url in sorted(set(page_urls)):
            lastmod = f"\n         <lastmod>{date}</lastmod>" if date else ""
            lines.append(f"    <url>\n         <loc>{escape(base + url)}</loc>{lastmod}\n    </url>")
    lines.append("</urlset>")
    text = "\n".join(lines) + "\n"
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, filename="sitemap.xml.gz", mode="wb", mtime=stamp) as compressed:
        compressed.write(text.encode("utf-8"))
    (site_dir / "sitemap.xml.gz").write_bytes(buffer.getvalue())
