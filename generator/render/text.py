"""Contributor text → safe HTML.

Contributor fields are Markdown. Python-Markdown passes raw HTML through
(`<script>`, `onerror=`, `javascript:` links), so its output is cleaned by
nh3 with an allow-list. Content is data, never template source: `{{ 7*7 }}`
stays literal because it is never given to Jinja as a template.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup, escape

from generator.i18n.overlay import Fallback

# Page structure (h1-h3) belongs to the templates: contributor headings
# h1-h3 lose their tag (the text stays), so the outline and TOC stay correct.
ALLOWED_TAGS = {
    "p", "br", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
    "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "abbr", "sup", "sub", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope"}}
# the toolkit's own link schemes (generator.content.links) are resolved per page
URL_SCHEMES = {"http", "https", "mailto", "practice", "module", "indicator", "recommendation", "country"}


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


def render_markdown(text: str) -> str:
    """Markdown → sanitized HTML (a fragment)."""
    md = _markdown()
    md.reset()
    return sanitize(md.convert(text))


def sanitize(html: str) -> str:
    """Only the allow-listed tags, attributes and URL schemes survive (nh3)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def markdown_filter(
    text: str, note: str = "not yet translated", render: Callable[[str], str] = render_markdown
) -> Markup:
    """A Markdown field as safe HTML; an English fallback is marked `lang="en"`
    with a visible note, so readers and screen readers know."""
    html = render(str(text))
    if isinstance(text, Fallback):
        return Markup(
            '<div lang="en" class="emt-untranslated">{}<p class="emt-untranslated-note">({})</p></div>'
        ).format(Markup(html), note)
    return Markup(html)


def inline_filter(text: str, note: str = "not yet translated") -> Markup:
    """A one-line text field as escaped HTML; marked when untranslated."""
    if isinstance(text, Fallback):
        return Markup('<span lang="en" class="emt-untranslated" title="{}">{}</span>').format(note, text)
    return escape(text)


def plain_text(value: str, render: Callable[[str], str] = render_markdown, limit: int = 300) -> str:
    """A Markdown field as one line of plain text (a page description, a search
    snippet): rendered, tags dropped, entities decoded; cut at a word."""
    words = html.unescape(_TAG.sub(" ", render(str(value)))).split()
    flat = " ".join(words)
    if len(flat) <= limit:
        return flat
    return flat[: limit].rsplit(" ", 1)[0] + " …"


_TAG = re.compile(r"<[^>]+>")


_TOOLKIT_HREF = re.compile(r'href="(practice|module|indicator|recommendation|country):([^"#]+)(?:#([^"]*))?"')


def resolve_links(html: str, address: Callable[[str, str, str], str]) -> str:
    """Toolkit links (`href="practice:inti-cities"`) → the page's relative address;
    `address(scheme, id, anchor)` knows where each page lives."""
    if ':' not in html:
        return html
    return _TOOLKIT_HREF.sub(lambda m: f'href="{address(m.group(1), m.group(2), m.group(3) or "")}"', html)
