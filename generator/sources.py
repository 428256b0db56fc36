"""The two phases, with no MkDocs in sight: load + validate everything
(collecting every problem), then render pages and assets for one language."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.content.crossref import check_references
from generator.content.load import ContentSet, load_content
from generator.content.placeholders import check_placeholders
from generator.data.format import Observation
from generator.i18n.messages import Catalogue, load_catalogue
from generator.i18n.status import warn_untranslated
from generator.model.build import SiteModel, build_model
from generator.problems import Problems
from generator.project import Project


@dataclass
class Loaded:
    project: Project
    content: ContentSet
    observations: list[Observation]
    catalogues: dict[str, Catalogue]
    problems: Problems
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems.errors


def load_project(project: Project, progress: Callable[[str], None] | None = None) -> Loaded:
    """Phase one. Never raises for a contributor's mistake: see `problems`."""
    started = time.perf_counter()
    problems = Problems()
    other_languages = tuple(lang for lang in project.languages if lang != project.default_language)
    content = load_content(project.content_folders(), project.root, problems, other_languages)
    observations = _merged_observations(project, problems)
    check_references(content, problems)
    warn_untranslated(content, project, problems)
    check_placeholders(content, problems)
    catalogues = {
        lang: load_catalogue(project.message_dirs(), lang, problems, project.root)
        for lang in project.languages
    }
    loaded = Loaded(project, content, observations, catalogues, problems)
    loaded.timings["load"] = time.perf_counter() - started
    if progress:
        counts = ", ".join(f"{len(v)} {k}s" for k, v in content.entries.items())
        progress(f"loaded {counts}, {len(observations)} observations")
    return loaded


# One process builds every language (`toolkit build`): the sources are read
# and validated once, as long as no file changed in between.
_LOADED: dict[tuple[str, tuple], Loaded] = {}


def load_project_once(project: Project) -> Loaded:
    key = (repr(project), _fingerprint(project))
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = load_project(project)
    return _LOADED[key]


def _fingerprint(project: Project) -> tuple:
    folders = [*(d for pair in project.content_folders() for d in pair), *project.extra_data_dirs]
    folders += project.message_dirs()
    stats = []
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    stat = path.stat()
                    stats.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(stats)


def _merged_observations(project: Project, problems: Problems) -> list[Observation]:
    """Bundled figures, then each extra data folder; a later row with the same
    key (an authority's refreshed or regional figure) replaces an earlier one."""
    from generator.data.load import load_observations

    merged: dict[tuple, Observation] = {}
    for folder in (project.data_dir, *project.extra_data_dirs):
        for row in load_observations(folder, problems, project.root):
            merged[(row.indicator, row.geo, row.year, row.breakdown, row.group, row.sex, row.age)] = row
    return list(merged.values())


def model_for(loaded: Loaded, language: str) -> SiteModel:
    model = build_model(
        loaded.content, language, loaded.observations, loaded.project.default_language
    )
    return _select_modules(model, loaded.project.modules)


def _select_modules(model: SiteModel, numbers: tuple[int, ...]) -> SiteModel:
    """An authority's subset of modules: others vanish with their links."""
    if not numbers:
        return model
    kept = {m["id"] for m in model.modules if m["number"] in numbers}
    model.modules = [m for m in model.modules if m["id"] in kept]
    model.components = {k: c for k, c in model.components.items() if c["module_id"] in kept}
    for practice in model.practices:
        practice["module_ids"] = [m for m in practice["module_ids"] if m in kept]
        practice["component_ids"] = [c for c in practice["component_ids"] if c in model.components]
    for recommendation in model.recommendations:
        recommendation["module_ids"] = [m for m in recommendation["module_ids"] if m in kept]
    for indicator in model.indicators:
        indicator["module_ids"] = [m for m in indicator["module_ids"] if m in kept]
    return model
