"""The navigation handed to MkDocs (computed by the core, localized)."""

from __future__ import annotations

from typing import Any

from generator.render.site import SiteOutput


def navigation(output: SiteOutput, docs_pages: list[str] = ()) -> list[Any]:
    """The core's navigation, plus the hand-written pages of `docs_dir`
    (deployment, configuration…) under the last section."""
    nav = [_plain(entry) for entry in output.nav]
    if docs_pages:
        last = nav[-1]
        (title, children), = last.items()
        nav[-1] = {title: [*children, *docs_pages]}
    return nav


def _plain(entry: Any) -> Any:
    # MkDocs expects plain str titles (catalogue lookups may return str subclasses)
    if isinstance(entry, dict):
        return {str(k): _plain(v) for k, v in entry.items()}
    if isinstance(entry, list):
        return [_plain(e) for e in entry]
    return entry
