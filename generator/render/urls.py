"""Where each page lives and how pages link to each other.

Pages are addressed by their source path (`practices/inti-cities.md`);
links are always relative, so the site works under any sub-path and, with
`directory_urls: false`, from `file://`.
"""

from __future__ import annotations

import posixpath


def page_url(src_path: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a source path, relative to the site root."""
    stem = src_path[: -len(".md")] if src_path.endswith(".md") else src_path
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(from_src: str, to_src: str, directory_urls: bool = True, anchor: str = "") -> str:
    """Link from one page to another page (or asset) as a relative URL."""
    source = page_url(from_src, directory_urls)
    target = page_url(to_src, directory_urls) if to_src.endswith(".md") else to_src
    # the folder a browser resolves relative links against
    base = source.rstrip("/") if source.endswith("/") else posixpath.dirname(source)
    rel = posixpath.relpath(target or ".", base or ".")
    if (target == "" or target.endswith("/")) and not rel.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


def root_prefix(from_src: str, directory_urls: bool = True) -> str:
    """The relative address of the site's root from a page ("../../", or "" at the root)."""
    source = page_url(from_src, directory_urls)
    base = source.rstrip("/") if source.endswith("/") else posixpath.dirname(source)
    depth = len([part for part in base.split("/") if part])
    return "../" * depth


MODULE = "modules/{id}.md"
MODULES = "modules/index.md"
PRACTICE = "practices/{id}.md"
EXPLORER = "practices/index.md"
EXPLORER_PAGE = "practices/page-{n}.md"  # the no-JavaScript list, page 2 onwards
EXPLORER_DATA = "practices/explorer-data.js"
BY_COUNTRY = "practices/by-country.md"
RECOMMENDATIONS = "recommendations.md"
INDICATORS = "indicators/index.md"
INDICATOR = "indicators/{id}.md"
COUNTRIES = "countries/index.md"
COUNTRY = "countries/{code}.md"
TARGET_GROUPS = "target-groups.md"
HOME = "index.md"
ACCESSIBILITY = "accessibility.md"
ABOUT = "about.md"
PROPOSE = "propose.md"
GLOSSARY = "glossary.md"
WHATS_NEW = "whats-new.md"
DOWNLOADS = "downloads/index.md"
SEARCH = "search.md"
SEARCH_INDEX = "search/index.js"

# files of the downloads page (one set per language)
PRACTICES_CSV = "downloads/practices.csv"
PRACTICES_JSON = "downloads/practices.json"
FIGURES_CSV = "downloads/figures.csv"
DATA_PACKAGE = "downloads/datapackage.json"
PRACTICE_TEMPLATE = "downloads/practice-template.yml"
