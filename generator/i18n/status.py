"""Translation coverage per language: fields of content and UI strings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from generator.content.load import ContentSet
from generator.i18n.messages import Catalogue, template_keys
from generator.i18n.overlay import localize
from generator.problems import Problems
from generator.project import Project


@dataclass
class LanguageStatus:
    language: str
    fields_total: int = 0
    fields_missing: list[str] = field(default_factory=list)  # "path: field"
    ui_total: int = 0
    ui_missing: list[str] = field(default_factory=list)

    def summary(self) -> str:
        fields_done = self.fields_total - len(self.fields_missing)
        ui_done = self.ui_total - len(self.ui_missing)
        return (
            f"{self.language}: {fields_done}/{self.fields_total} content fields translated, "
            f"{ui_done}/{self.ui_total} UI strings translated"
        )


def untranslated_fields(content: ContentSet, language: str) -> list[tuple[str, str, object]]:
    """(file, field, entry) for every field that falls back to the default language."""
    overlays = content.translations.get(language, {})
    missing = []
    for name, bucket in content.entries.items():
        for key, entry in bucket.items():
            if not entry.valid:
                continue
            overlay = overlays.get(name, {}).get(key)
            _, fields = localize(entry.data, overlay.data if overlay else None, entry.type)
            missing.extend((entry.path, f, entry) for f in fields)
    return missing


def count_translatable(content: ContentSet) -> int:
    return sum(
        len(localize(entry.data, None, entry.type)[1])
        for bucket in content.entries.values()
        for entry in bucket.values()
        if entry.valid
    )


def warn_untranslated(content: ContentSet, project: Project, problems: Problems) -> None:
    for language in project.languages:
        if language == project.default_language:
            continue
        for _path, field_path, entry in untranslated_fields(content, language):
            problems.warning(
                entry.location(field_path.split("[")[0].split(".")[0]),
                f"no {language} translation: shown in {project.default_language} with a "
                f"'not yet translated' note (add it to {overlay_path(entry.path, entry.type.folder, language)})",
                field=field_path,
            )


def overlay_path(source: str, folder: str, language: str) -> str:
    """Where the translation overlay of a content file goes (shown as a path)."""
    path = PurePosixPath(source.replace("\\", "/"))
    root = PurePosixPath("content") if folder == "indicators" else path.parent.parent
    return str(root / "translations" / language / folder / path.name)


def language_status(
    content: ContentSet, catalogues: dict[str, Catalogue], project: Project
) -> list[LanguageStatus]:
    total = count_translatable(content)
    keys = template_keys(project.templates_dir)
    statuses = []
    for language in project.languages:
        status = LanguageStatus(language, fields_total=total, ui_total=len(keys))
        if language != project.default_language:
            status.fields_missing = [f"{path}: {f}" for path, f, _ in untranslated_fields(content, language)]
            catalogue = catalogues.get(language)
            known = catalogue.messages if catalogue else {}
            status.ui_missing = sorted(k for k in keys if k not in known)
        statuses.append(status)
    return statuses
