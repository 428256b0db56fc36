"""Render a few pages of a project (no MkDocs), for tests that read one page."""

from __future__ import annotations

from pathlib import Path

from generator.mkdocs_plugin.config_file import project_from_mkdocs
from generator.render.site import Partial, render_site
from generator.sources import load_project


class _Elsewhere(dict):
    """Every page but `keep` counts as rendered already, so only `keep` is rendered."""

    def __init__(self, keep: set[str]):
        super().__init__()
        self.keep = keep

    def __contains__(self, src: object) -> bool:
        return src not in self.keep


def rendered(project: Path, language: str, *srcs: str) -> dict[str, str]:
    """The exported HTML of the pages `srcs` (e.g. "indicators/low_achievers.md")."""
    loaded = load_project(project_from_mkdocs(project / "mkdocs.yml"))
    assert loaded.ok, [p.format() for p in loaded.problems.errors]
    keep = set(srcs)
    partial = Partial(only=lambda s: s in keep, previous=_Elsewhere(keep))
    pages = render_site(loaded, language, partial=partial).pages
    return {p.src_path: p.exported_markdown() for p in pages if p.src_path in keep}
