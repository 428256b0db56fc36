"""A toolkit project on disk: where content, data and templates live.

Built from the MkDocs plugin options (or the CLI's defaults); plain data so
the core never needs MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# The toolkit's own folders: bundled content, data and templates that an
# authority's copy uses unless its configuration points elsewhere.
PACKAGE_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_TEMPLATES = PACKAGE_ROOT / "site_templates"


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
    accessibility: dict = field(default_factory=dict)
    messages_dir: Path | None = None  # a publisher's own UI catalogues (e.g. a third language)

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


def default_project(root: Path) -> Project:
    return Project(
        root=root,
        content_dir=root / "content",
        data_dir=root / "data",
        templates_dir=root / "site_templates" if (root / "site_templates").is_dir() else PACKAGE_TEMPLATES,
        cache_dir=root / ".cache",
    )
