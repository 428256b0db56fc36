"""Broken-link check over a built site: every relative link and anchor.

MkDocs' own check misses links in raw HTML and, with `--strict -q`, can
exit 0 on broken links; this check reads the HTML that will be served, so
it catches both, whatever the verbosity flags.

The pages are machine-written (MkDocs, Material, nh3, vl-convert all write
double-quoted attributes), so a regular-expression scan is exact enough and
about ten times faster than a full HTML parser on thousands of pages.
"""

from __future__ import annotations

import html
import posixpath
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.problems import Location, Problems

_LINK_TAG = re.compile(r"<(?:a|link|script|img|source)\b[^>]*?\s(?:href|src)=\"([^\"]*)\"", re.IGNORECASE)
_ID = re.compile(r"<[a-zA-Z][^>]*?\s(?:id|name)=\"([^\"]*)\"")
_SKIPPED_PAGES = {"404.html"}  # Material's 404 page uses root-relative links


@cache
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


@cache
def _ids(path: Path) -> frozenset[str]:
    return frozenset(html.unescape(value) for value in _ID.findall(_read(path)))


def check_links(site_dir: Path, outside_ok: bool = False) -> Problems:
    """Every relative link and anchor of every page. With `outside_ok`, links
    leaving `site_dir` are not checked (one language's build links to the
    others, which a per-language check cannot see)."""
    _read.cache_clear()
    _ids.cache_clear()
    files = {str(p.relative_to(site_dir)) for p in site_dir.rglob("*") if p.is_file()}
    problems = Problems()
    for page in sorted(site_dir.rglob("*.html")):
        if page.name in _SKIPPED_PAGES:
            continue
        text = _read(page)
        folder = posixpath.dirname(str(page.relative_to(site_dir)))
        for match in _LINK_TAG.finditer(text):
            message = _broken(site_dir, files, page, folder, html.unescape(match.group(1)), outside_ok)
            if message:
                line = text.count("\n", 0, match.start()) + 1
                problems.error(Location(str(page.relative_to(site_dir)), line), message)
    return problems


def _broken(site_dir: Path, files: set[str], page: Path, folder: str, href: str, outside_ok: bool) -> str:
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//") or href.startswith("data:"):
        return ""  # external: not ours to check offline
    if not parts.path:
        target = page
    else:
        path = unquote(parts.path)
        if path.startswith("/"):
            joined = posixpath.normpath(path.lstrip("/"))
        else:
            joined = posixpath.normpath(posixpath.join(folder, path))
        if joined.startswith(".."):
            return "" if outside_ok else f"broken link '{href}': it leaves the site"
        resolved = "" if joined == "." else joined
        if resolved in files:
            target = site_dir / resolved
        elif posixpath.join(resolved, "index.html").lstrip("/") in files:
            target = site_dir / resolved / "index.html"
        else:
            return f"broken link '{href}': {resolved or '/'} does not exist"
    if parts.fragment and target.suffix == ".html":
        if unquote(parts.fragment) not in _ids(target):
            return f"broken anchor '{href}': no id '{parts.fragment}' in {target.relative_to(site_dir)}"
    return ""
