"""Broken-link check over a built site: every relative link and anchor.

MkDocs' own check misses links in raw HTML and, with `--strict -q`, can
exit 0 on broken links; this check reads the HTML that will be served, so
it catches both, whatever the verbosity flags.
"""

from __future__ import annotations

import posixpath
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.problems import Location, Problems

_LINK_ATTRS = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src")}
_SKIPPED_PAGES = {"404.html"}  # Material's 404 page uses root-relative links


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, int]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            if (tag, name) in _LINK_ATTRS:
                self.links.append((value, self.getpos()[0]))


@cache
def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    return collector


def check_links(site_dir: Path, outside_ok: bool = False) -> Problems:
    """Every relative link and anchor of every page. With `outside_ok`, links
    leaving `site_dir` are not checked (one language's build links to the
    others, which a per-language check cannot see)."""
    _parse.cache_clear()
    problems = Problems()
    for page in sorted(site_dir.rglob("*.html")):
        if page.name in _SKIPPED_PAGES:
            continue
        shown = str(page.relative_to(site_dir))
        for href, line in _parse(page).links:
            message = _broken(site_dir, page, href, outside_ok)
            if message:
                problems.error(Location(shown, line), message)
    return problems


def _broken(site_dir: Path, page: Path, href: str, outside_ok: bool = False) -> str:
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//") or href.startswith("data:"):
        return ""  # external: not ours to check offline
    if not parts.path:
        target = page
    else:
        path = unquote(parts.path)
        base = "/" if path.startswith("/") else posixpath.dirname(str(page.relative_to(site_dir))) + "/"
        joined = posixpath.normpath(posixpath.join(base.lstrip("/"), path))
        if joined.startswith("..") and outside_ok:
            return ""
        resolved = posixpath.normpath(posixpath.join("/" + base.lstrip("/"), path)).lstrip("/")
        target = site_dir / resolved
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            return f"broken link '{href}': {resolved or '/'} does not exist"
    if parts.fragment and target.suffix == ".html":
        if unquote(parts.fragment) not in _parse(target).ids:
            return f"broken anchor '{href}': no id '{parts.fragment}' in {target.relative_to(site_dir)}"
    return ""
