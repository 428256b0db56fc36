"""A toolkit project on disk: where content, data and templates live, and
what the publisher chose (languages, modules, focus countries…).

`Project.from_options` is the one place that applies defaults, whether the
options come from the MkDocs plugin or from a test; the core never needs MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.resources import bundled

ACCESSIBILITY_DEFAULTS: dict[str, Any] = {
    "organisation": None,
    "contact": None,
    "compliance": "partially",
    "statement_date": None,
    "last_reviewed": None,
    "known_issues": [],
    "enforcement_procedure": None,
}


@dataclass(frozen=True)
class Project:
    root: Path
    content_dir: Path
    data_dir: Path
    templates_dir: Path
    extra_content_dirs: tuple[Path, ...] = ()  # an authority's own content, overrides by id
    extra_data_dirs: tuple[Path, ...] = ()
    languages: tuple[str, ...] = ("en",)
    default_language: str = "en"
    site_name: str = "European Modules Toolkit"
    modules: tuple[int, ...] = ()  # module numbers to publish; empty = all
    focus_countries: tuple[str, ...] = ()
    cache_dir: Path = field(default=Path(".cache"))
    accessibility: dict = field(default_factory=lambda: dict(ACCESSIBILITY_DEFAULTS))
    messages_dir: Path | None = None  # a publisher's own UI catalogues (e.g. a third language)
    publisher: dict = field(default_factory=dict)  # name, url, contact (About and Propose pages)
    repo_url: str = ""  # where contributors send pull requests (MkDocs' repo_url)
    site_url: str = ""

    @classmethod
    def from_options(
        cls,
        root: Path,
        *,
        content_dir: str | None = None,
        data_dir: str | None = None,
        templates_dir: str | None = None,
        messages_dir: str | None = None,
        extra_content_dirs: tuple[str, ...] | list[str] = (),
        extra_data_dirs: tuple[str, ...] | list[str] = (),
        cache_dir: str = ".cache",
        accessibility: dict[str, Any] | None = None,
        **settings: Any,
    ) -> Project:
        """Folders are relative to `root`; a folder left out is the toolkit's bundled one."""
        root = Path(root).resolve()
        return cls(
            root=root,
            content_dir=root / content_dir if content_dir else bundled("content"),
            data_dir=root / data_dir if data_dir else bundled("data"),
            templates_dir=root / templates_dir if templates_dir else bundled("site_templates"),
            messages_dir=root / messages_dir if messages_dir else None,
            extra_content_dirs=tuple(root / d for d in extra_content_dirs),
            extra_data_dirs=tuple(root / d for d in extra_data_dirs),
            cache_dir=root / cache_dir,
            accessibility={**ACCESSIBILITY_DEFAULTS, **(accessibility or {})},
            **settings,
        )

    def content_folders(self) -> list[tuple[Path, Path]]:
        pairs = [(self.content_dir, self.data_dir)]
        extra_data = list(self.extra_data_dirs) + [None] * len(self.extra_content_dirs)
        for index, content in enumerate(self.extra_content_dirs):
            pairs.append((content, extra_data[index] or content / "_no_data"))
        return pairs

    def message_dirs(self) -> list[Path]:
        dirs = [self.templates_dir / "messages"]
        return dirs + [self.messages_dir] if self.messages_dir else dirs

    def watched_dirs(self) -> list[Path]:
        dirs = [self.content_dir, self.data_dir, self.templates_dir]
        dirs += list(self.extra_content_dirs) + list(self.extra_data_dirs)
        dirs += [self.messages_dir] if self.messages_dir else []
        return [d for d in dirs if d.exists()]

    def source_dirs(self) -> list[Path]:
        """Every folder the site is made from (an output folder must stay clear of them)."""
        dirs = [self.content_dir, self.data_dir, self.templates_dir, *self.extra_content_dirs]
        dirs += [*self.extra_data_dirs, *([self.messages_dir] if self.messages_dir else [])]
        return dirs
