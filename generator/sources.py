"""The two phases, with no MkDocs in sight: load + validate everything
(collecting every problem), then render pages and assets for one language."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.authority.upgrade import check_overrides
from generator.content.crossref import check_references
from generator.content.links import check_links
from generator.content.load import ContentSet, load_content
from generator.content.placeholders import check_placeholders
from generator.data.format import DatasetSource, Observation
from generator.i18n.messages import Catalogue, load_catalogue
from generator.i18n.status import warn_untranslated
from generator.model.build import build_model
from generator.model.entities import SiteModel
from generator.problems import Problems
from generator.project import Project


@dataclass
class Loaded:
    project: Project
    content: ContentSet
    observations: list[Observation]
    catalogues: dict[str, Catalogue]
    problems: Problems
    datasets: dict[str, DatasetSource] = field(default_factory=dict)  # source_dataset → who published it
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
    check_links(content, problems)
    warn_untranslated(content, project, problems)
    check_placeholders(content, problems)
    check_overrides(project.root, content.overrides, problems)
    catalogues = {
        lang: load_catalogue(project.message_dirs(), lang, problems, project.root)
        for lang in project.languages
    }
    loaded = Loaded(project, content, observations, catalogues, problems, _dataset_sources(project))
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
    """Bundled figures, then each extra data folder (generator.data.load.load_data_folders:
    a folder that declares a dataset replaces it; other rows replace by key)."""
    from generator.data.load import load_data_folders

    return load_data_folders((project.data_dir, *project.extra_data_dirs), problems, project.root)


def _dataset_sources(project: Project) -> dict[str, DatasetSource]:
    """Bundled, then each extra data folder: a publisher may redeclare a code."""
    from generator.data.load import dataset_sources

    merged: dict[str, DatasetSource] = {}
    for folder in (project.data_dir, *project.extra_data_dirs):
        merged.update(dataset_sources(folder))
    return merged


def model_for(loaded: Loaded, language: str) -> SiteModel:
    project = loaded.project
    return build_model(loaded.content, language, loaded.observations, project.default_language, project.modules,
                       loaded.datasets)
