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

# Double-, single- or un-quoted attribute values: most pages are machine-written
# with double quotes, but a template override or a publisher's page need not be.
_VALUE = r"""(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"""
_LINK_TAG = re.compile(r"<(?:a|link|script|img|source|iframe|form|area)\b[^>]*?\s(?:href|src|action)\s*=\s*" + _VALUE,
                       re.IGNORECASE)
_ID = re.compile(r"<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*" + _VALUE)
_SKIPPED_PAGES = {"404.html"}  # Material's 404 page uses root-relative links


@cache
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def _value(match: re.Match[str]) -> str:
    return next(group for group in match.groups() if group is not None)


@cache
def _ids(path: Path) -> frozenset[str]:
    return frozenset(html.unescape(_value(m)) for m in _ID.finditer(_read(path)))


def check_links(site_dir: Path, outside_ok: bool = False, site_url: str = "") -> Problems:
    """Every relative link and anchor of every page. With `outside_ok`, links
    leaving `site_dir` are not checked (one language's build links to the
    others, which a per-language check cannot see). With a `site_url` under a
    sub-path, root-relative links are checked against that sub-path."""
    base_path = urlsplit(site_url).path.rstrip("/") if site_url else ""
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
            message = _broken(site_dir, files, page, folder, html.unescape(_value(match)), outside_ok, base_path)
            if message:
                line = text.count("\n", 0, match.start()) + 1
                problems.error(Location(str(page.relative_to(site_dir)), line), message)
    return problems


def _broken(site_dir: Path, files: set[str], page: Path, folder: str, href: str, outside_ok: bool,
            base_path: str = "") -> str:
    parts = urlsplit(href.strip())
    if parts.scheme in ("http", "https") and not parts.netloc:
        # `http:../x` (a scheme without a host) is a relative link to a browser
        parts = urlsplit(parts.path + (f"#{parts.fragment}" if parts.fragment else ""))
    elif parts.scheme or href.startswith("//") or href.startswith("data:"):
        return ""  # external: not ours to check offline
    if not parts.path:
        target = page
    else:
        path = unquote(parts.path)
        if path.startswith("/"):
            if base_path and not (path + "/").startswith(base_path + "/"):
                return f"broken link '{href}': it leaves the site's path {base_path}/"
            joined = posixpath.normpath(path[len(base_path):].lstrip("/"))
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
