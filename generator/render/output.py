"""What rendering produces: pages, files and the navigation of one language.

A page is finished HTML plus its metadata as plain text. Nothing in it is
meant to be parsed again: the MkDocs adapter hands the HTML to MkDocs as the
page's content (no Markdown pass) and escapes the metadata at that boundary;
the folder export wraps the HTML in one raw-HTML block.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Heading:
    """An entry of the page's table of contents (text is plain, not HTML)."""

    id: str
    text: str
    level: int = 2


@dataclass(frozen=True, slots=True)
class GeneratedPage:
    src_path: str  # e.g. "practices/inti-cities.md": addresses the page, as MkDocs does
    html: str
    title: str | None = None  # plain text; None: the site name (home page)
    description: str | None = None  # plain text
    hide: tuple[str, ...] = ()  # Material's page options: navigation, toc
    toc: tuple[Heading, ...] = ()

    def exported_markdown(self) -> str:
        """The page as a Markdown file for another engine: JSON front matter
        (valid YAML, every control character escaped) and the HTML as one
        raw-HTML block, so no engine reads contributor text as Markdown."""
        meta: dict[str, object] = {}
        if self.title:
            meta["title"] = html.escape(self.title, quote=False)
        if self.description:
            meta["description"] = html.escape(self.description, quote=False)
        if self.hide:
            meta["hide"] = list(self.hide)
        meta["search"] = {"exclude": True}  # the toolkit's own index (search/index.js) covers the page
        lines = [f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=True)}" for k, v in meta.items()]
        front = "---\n" + "\n".join(lines) + "\n---\n\n" if lines else ""
        return front + '<div class="emt-page" markdown="0">\n' + self.html.strip() + "\n</div>\n"


@dataclass(frozen=True, slots=True)
class GeneratedFile:
    dest_path: str  # e.g. "charts/employment_rate-gap.csv"
    content: bytes


@dataclass(frozen=True, slots=True)
class NavLink:
    title: str  # plain text
    src_path: str


@dataclass(frozen=True, slots=True)
class NavSection:
    title: str  # plain text
    children: tuple[NavLink | NavSection, ...]


NavItem = NavLink | NavSection


@dataclass
class RenderedSite:
    language: str
    pages: list[GeneratedPage]
    files: list[GeneratedFile]
    nav: list[NavItem]
    stylesheets: list[str] = field(default_factory=lambda: ["assets/emt.css", "assets/charts.css"])
    timings: dict[str, float] = field(default_factory=dict)


_H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


def headings_of(body: str) -> tuple[Heading, ...]:
    """The h2 headings of machine-written HTML (ours: double-quoted ids), as plain text."""
    return tuple(
        Heading(anchor, " ".join(html.unescape(_TAG.sub("", _HEADERLINK.sub("", inner))).split()))
        for anchor, inner in _H2.findall(body)
    )
