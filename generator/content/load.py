"""Phase one: read and validate every content file, collecting all problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.fields import Context, suggest
from generator.content.schemas import translation_spec
from generator.content.types import CONTENT_TYPES, ContentType
from generator.content.yamlfile import read_yaml
from generator.problems import Location, Problems, display_path


@dataclass
class Entry:
    """One validated content file."""

    type: ContentType
    key: Any  # id (str) or number (int)
    data: dict[str, Any]
    path: str  # as shown in messages
    locations: dict[str, Location] = field(default_factory=dict)
    valid: bool = True  # False: has errors; its id still counts, so no cascade of "unknown id"

    def location(self, field_path: str) -> Location:
        return self.locations.get(field_path) or Location(self.path, 1, 1)


@dataclass
class ContentSet:
    """Everything read from the content and data folders, before cross-checks."""

    entries: dict[str, dict[Any, Entry]] = field(
        default_factory=lambda: {t.name: {} for t in CONTENT_TYPES}
    )
    # language → type name → key → overlay entry
    translations: dict[str, dict[str, dict[Any, Entry]]] = field(default_factory=dict)
    # (type folder, key, file) of each entry that replaces one of an earlier folder
    overrides: list[tuple[str, Any, str]] = field(default_factory=list)


def content_folders(content_dir: Path, data_dir: Path) -> dict[str, Path]:
    return {
        t.name: (data_dir if t.name == "indicator" else content_dir) / t.folder
        for t in CONTENT_TYPES
    }


def yaml_files(folder: Path, problems: Problems | None = None, root: Path | None = None) -> list[Path]:
    """The YAML files of a content folder. With `problems`, what cannot be one
    is reported instead of skipped: a folder named like a file, a link that
    leads outside the folder, anything that is not a regular file."""
    if not folder.is_dir():
        return []
    inside = folder.resolve()
    found = []
    for path in sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml")):
        problem = ""
        if path.is_symlink() and not path.resolve().is_relative_to(inside):
            problem = "is a link to a file outside its folder; copy the file here instead"
        elif path.is_dir():
            problem = "is a folder, not a YAML file; rename it or move its files up"
        elif not path.is_file():
            problem = "is not a regular file"
        if not problem:
            found.append(path)
        elif problems is not None:
            problems.error(Location(display_path(path, root)), problem)
    return found


def load_entry(
    path: Path, content_type: ContentType, problems: Problems, root: Path, translation: bool = False
) -> Entry | None:
    shown = display_path(path, root)
    before = len(problems.errors)
    node = read_yaml(path, shown, problems)
    if node is None:
        return None
    spec = translation_spec(content_type.spec, content_type.key) if translation else content_type.spec
    ctx = Context(problems)
    data = spec.coerce(node, "", ctx)
    if data is None or content_type.key not in data:
        return None
    valid = len(problems.errors) == before
    key = data[content_type.key]
    expected_stem = str(key) if content_type.key == "id" else None
    if expected_stem is not None and path.stem != expected_stem:
        problems.error(
            ctx.locations.get(content_type.key, Location(shown, 1, 1)),
            f"the id '{key}' differs from the file name '{path.name}'; "
            f"rename the file to '{key}{path.suffix}' or change the id",
            field=content_type.key,
        )
        valid = False
    return Entry(content_type, key, data, shown, ctx.locations, valid)


def load_content(
    folders: list[tuple[Path, Path]], root: Path, problems: Problems, languages: tuple[str, ...] = ()
) -> ContentSet:
    """Read every content folder pair (content_dir, data_dir) in order; a later
    folder (an authority's own content) overrides an earlier one by id."""
    content = ContentSet()
    for content_dir, data_dir in folders:
        for content_type in CONTENT_TYPES:
            folder = content_folders(content_dir, data_dir)[content_type.name]
            bucket = content.entries[content_type.name]
            defined_here: set[Any] = set()
            for path in yaml_files(folder, problems, root):
                entry = load_entry(path, content_type, problems, root)
                if entry is None:
                    # Unreadable file: its id (the file name) still counts, so
                    # references to it do not cascade into more errors.
                    if content_type.key == "id":
                        shown = display_path(path, root)
                        bucket.setdefault(path.stem, Entry(content_type, path.stem, {}, shown, valid=False))
                    continue
                # the same key twice in one folder is a mistake; in a later
                # folder (an authority's own content) it is an override
                if entry.key in defined_here:
                    problems.error(
                        entry.location(content_type.key),
                        f"{content_type.name} '{entry.key}' is also defined in {bucket[entry.key].path}",
                    )
                    continue
                defined_here.add(entry.key)
                if entry.key in bucket:
                    content.overrides.append((content_type.folder, entry.key, entry.path))
                bucket[entry.key] = entry
        for language in languages:
            _load_translations(content_dir, language, content, root, problems)
    _check_overlay_targets(content, problems)
    return content


def _check_overlay_targets(content: ContentSet, problems: Problems) -> None:
    """A translation of something that does not exist is a mistake (a typo in
    the id, or a file left behind after a rename), not a silent no-op."""
    for language, per_type in content.translations.items():
        for type_name, overlays in per_type.items():
            known = content.entries[type_name]
            for key, overlay in overlays.items():
                if key not in known:
                    choices = [str(k) for k in known]
                    problems.error(
                        overlay.location(overlay.type.key),
                        f"translation ({language}) of {type_name} '{key}', which does not exist"
                        + suggest(str(key), choices),
                        field=overlay.type.key,
                    )


def _load_translations(
    content_dir: Path, language: str, content: ContentSet, root: Path, problems: Problems
) -> None:
    base = content_dir / "translations" / language
    per_type = content.translations.setdefault(language, {t.name: {} for t in CONTENT_TYPES})
    for content_type in CONTENT_TYPES:
        for path in yaml_files(base / content_type.folder, problems, root):
            entry = load_entry(path, content_type, problems, root, translation=True)
            if entry is not None:
                per_type[content_type.name][entry.key] = entry
