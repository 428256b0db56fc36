"""The navigation handed to MkDocs: the core's typed items, as MkDocs' nav config.

Material prints navigation titles without escaping them, so every title is
HTML-escaped here, at the one place our text enters MkDocs' navigation.
"""

from __future__ import annotations

import html
from typing import Any

from generator.render.output import NavItem, NavLink, NavSection


def escaped(text: str) -> str:
    """Text for a MkDocs/Material value that is printed as HTML."""
    return html.escape(" ".join(str(text).split()), quote=True)


def navigation(items: list[NavItem], docs_pages: list[str] = ()) -> list[Any]:
    """The core's navigation, plus the publisher's own pages of `docs_dir`
    (an "about us" page…) under the last section."""
    nav = [_entry(item) for item in items]
    if docs_pages:
        (title, children), = nav[-1].items()
        nav[-1] = {title: [*children, *docs_pages]} if isinstance(children, list) else nav[-1]
    return nav


def _entry(item: NavItem) -> dict[str, Any]:
    if isinstance(item, NavLink):
        return {escaped(item.title): item.src_path}
    assert isinstance(item, NavSection)
    return {escaped(item.title): [_entry(child) for child in item.children]}
