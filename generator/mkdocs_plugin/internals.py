"""Every use of a MkDocs or Material internal, in one place.

The preview rebuilds a handful of pages after an edit instead of the whole
site, which MkDocs' public API cannot do: it needs MkDocs' per-page steps
(`_populate_page`: read and convert one page; `_build_page`: put it through
the theme) and the search plugin's index. They are private, so they are
called only here, and `tests/test_mkdocs_internals.py` fails loudly when an
upgrade of MkDocs or Material changes them.
"""

from __future__ import annotations

import inspect
from typing import Any

from mkdocs.commands import build as _build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

# (module attribute, the parameters we pass) — checked by the test
EXPECTED = {
    "_populate_page": ("page", "config", "files"),
    "_build_page": ("page", "config", "doc_files", "nav", "env"),
}


def signature_problems() -> list[str]:
    """What changed in the internals we rely on (empty when nothing did)."""
    problems = []
    for name, wanted in EXPECTED.items():
        function = getattr(_build, name, None)
        if function is None:
            problems.append(f"mkdocs.commands.build.{name} no longer exists")
            continue
        parameters = list(inspect.signature(function).parameters)
        if tuple(parameters[: len(wanted)]) != wanted:
            problems.append(f"mkdocs.commands.build.{name}{tuple(parameters)} no longer starts with {wanted}")
    return problems


def rebuild_pages(files: Files, sources: dict[str, str], config: MkDocsConfig, nav: Navigation,
                  env: Any) -> list[Any]:
    """Put the pages `sources` names (src_path → new source text) through MkDocs'
    page pipeline again, with the kept navigation and theme environment, and
    replace their entries in the search index."""
    built = []
    for src_path, source in sources.items():
        file: File | None = files.get_file_from_path(src_path)
        if file is None or file.page is None:
            raise LookupError(f"the preview lost track of {src_path}")
        file.content_string = source
        _build._populate_page(file.page, config, files)
        built.append(file.page)
    search = _search_plugin(config)
    if search is not None:
        locations = {page.url for page in built}
        search.search_index.entries = [
            e for e in search.search_index.entries if e["location"].split("#")[0] not in locations
        ]
    doc_files = files.documentation_pages()
    for page in built:
        _build._build_page(page, config, doc_files, nav, env)
        page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    if search is not None:
        search.on_post_build(config=config)  # rewrites search_index.json
    return built


def _search_plugin(config: MkDocsConfig) -> Any:
    search = config.plugins.get("material/search") or config.plugins.get("search")
    return search if search is not None and getattr(search, "search_index", None) is not None else None
