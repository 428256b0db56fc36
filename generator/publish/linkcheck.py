"""Broken-link check over a built site: every relative link and anchor.

MkDocs' own check misses links in raw HTML and, with `--strict -q`, can
exit 0 on broken links; this check reads the HTML that will be served, so
it catches both, whatever the verbosity flags.

The pages are machine-written (MkDocs, Material, nh3, vl-convert all write
double-quoted attributes), so a regular-expression scan is exact enough and
about ten times faster than a full HTML parser on thousands of pages.
"""

from __future__ import annotations

import bisect
import html
import posixpath
import re
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


def _value(match: re.Match[str]) -> str:
    return next(group for group in match.groups() if group is not None)


def extract(text: str) -> dict[str, list]:
    """The links (with their line) and the ids of one page: what the check
    needs of it. Kept beside a cached page, so unchanged pages are not read."""
    lines = _line_starts(text)
    links = [[html.unescape(_value(m)), bisect.bisect_right(lines, m.start())] for m in _LINK_TAG.finditer(text)]
    return {"links": links, "ids": sorted({html.unescape(_value(m)) for m in _ID.finditer(text)})}


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def check_links(site_dir: Path, outside_ok: bool = False, site_url: str = "",
                known: dict[str, dict[str, list]] | None = None) -> Problems:
    """Every relative link and anchor of every page. With `outside_ok`, links
    leaving `site_dir` are not checked (one language's build links to the
    others, which a per-language check cannot see). With a `site_url` under a
    sub-path, root-relative links are checked against that sub-path. `known`:
    the extracted links and ids of pages, by path in the site (not read again)."""
    base_path = urlsplit(site_url).path.rstrip("/") if site_url else ""
    known = dict(known or {})
    files = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    pages: dict[str, dict[str, list]] = {}
    for name in sorted(f for f in files if f.endswith(".html")):
        pages[name] = known.get(name) or extract((site_dir / name).read_text(encoding="utf-8", errors="replace"))
    ids = {name: frozenset(page["ids"]) for name, page in pages.items()}
    problems = Problems()
    for name, page in pages.items():
        if posixpath.basename(name) in _SKIPPED_PAGES:
            continue
        folder = posixpath.dirname(name)
        for href, line in page["links"]:
            message = _broken(files, ids, name, folder, href, outside_ok, base_path)
            if message:
                problems.error(Location(name, line), message)
    return problems


def _broken(files: set[str], ids: dict[str, frozenset[str]], page: str, folder: str, href: str, outside_ok: bool,
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
            target = resolved
        elif posixpath.join(resolved, "index.html").lstrip("/") in files:
            target = posixpath.join(resolved, "index.html").lstrip("/")
        else:
            return f"broken link '{href}': {resolved or '/'} does not exist"
    if parts.fragment and target.endswith(".html"):
        if unquote(parts.fragment) not in ids.get(target, frozenset()):
            return f"broken anchor '{href}': no id '{parts.fragment}' in {target}"
    return ""
